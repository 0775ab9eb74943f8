/// An INI file read the way Python's `configparser` (and so neat-python) reads one.
///
/// `[Section]` headers; `key = value` or `key: value` lines (keys are lower-cased,
/// keys and values trimmed); whole-line comments starting with `#` or `;`; an
/// indented line right after a key continues that key's value. There are no
/// inline comments: `pop_size = 150 # big` has the value `150 # big`, as in
/// neat-python. Line numbers are kept so that errors can point at the line.
///
/// ```swift
/// let ini = try INIFile(text: "[NEAT]\npop_size = 150\n", path: "neat.ini")
/// ini.section("NEAT")?.entry("pop_size")?.value // "150"
/// ```
public struct INIFile: Sendable, Equatable {
    /// One `key = value` line (plus any continuation lines).
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: String
        /// 1-based line of the key.
        public var line: Int
    }

    /// A `[name]` section and its entries in file order.
    public struct Section: Sendable, Equatable {
        public var name: String
        /// 1-based line of the header.
        public var line: Int
        public var entries: [Entry]

        /// The entry for `key` (already lower-cased), if present.
        public func entry(_ key: String) -> Entry? { entries.first { $0.key == key } }
    }

    /// A line that is not valid INI.
    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var message: String
        public var description: String { "\(path):\(line): \(message)" }
    }

    public let path: String
    public private(set) var sections: [Section] = []

    /// The section named `name` (case-sensitive, as in configparser).
    public func section(_ name: String) -> Section? { sections.first { $0.name == name } }

    /// Parses `text`; `path` is only used in error messages.
    ///
    /// Throws `SyntaxError` for a line that is neither a header, a key line, a
    /// comment nor a continuation, for a key before the first section, and for
    /// a section or key given twice (configparser's strict mode does the same).
    public init(text: String, path: String) throws(SyntaxError) {
        self.path = path
        var lastKeyLine = false
        // "\r\n" is one Character in Swift, so split on every line-ending form.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for (i, rawLine) in lines.enumerated() {
            let number = i + 1
            let line = Substring(rawLine)
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty { lastKeyLine = false; continue }
            if trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            let indented = line.first == " " || line.first == "\t"
            if indented && lastKeyLine, var s = sections.popLast() {
                // Continuation of the previous value.
                var e = s.entries.removeLast()
                e.value = e.value.isEmpty ? String(trimmed) : e.value + " " + trimmed
                s.entries.append(e)
                sections.append(s)
                continue
            }
            if trimmed.hasPrefix("[") {
                guard trimmed.hasSuffix("]"), trimmed.count >= 3 else {
                    throw SyntaxError(path: path, line: number, message: "malformed section header \"\(trimmed)\": expected [Name]")
                }
                let name = String(trimmed.dropFirst().dropLast())
                if let previous = section(name) {
                    throw SyntaxError(path: path, line: number, message: "section [\(name)] appears twice (first on line \(previous.line))")
                }
                sections.append(Section(name: name, line: number, entries: []))
                lastKeyLine = false
                continue
            }
            guard let d = trimmed.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                throw SyntaxError(path: path, line: number, message: "malformed line \"\(trimmed)\": expected `key = value`, a [Section] header or a # comment")
            }
            let key = trimmed[..<d].trimmingSpaces().lowercased()
            let value = String(trimmed[trimmed.index(after: d)...].trimmingSpaces())
            guard !key.isEmpty else {
                throw SyntaxError(path: path, line: number, message: "malformed line \"\(trimmed)\": the key before `\(trimmed[d])` is empty")
            }
            guard var s = sections.popLast() else {
                throw SyntaxError(path: path, line: number, message: "`\(key)` comes before any [Section] header")
            }
            if let previous = s.entry(key) {
                sections.append(s)
                throw SyntaxError(path: path, line: number, message: "[\(s.name)] \(key) is given twice (first on line \(previous.line))")
            }
            s.entries.append(Entry(key: key, value: value, line: number))
            sections.append(s)
            lastKeyLine = true
        }
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return s
    }
}
