/// An INI file read the way Python's `configparser` (and so neat-python) reads one.
///
/// `[Section]` headers; `key = value` or `key: value` lines (keys are lower-cased,
/// keys and values trimmed); whole-line comments starting with `#` or `;`; a line
/// indented deeper than the key line before it continues that key's value. There are no
/// inline comments: `pop_size = 150 # big` has the value `150 # big`, as in
/// neat-python. Line numbers are kept so that errors can point at the line.
///
/// ```swift
/// let ini = try INIFile(text: "[NEAT]\npop_size = 150\n", path: "neat.ini")
/// ini.section("NEAT")?.entry("pop_size")?.value // "150"
/// ```
package struct INIFile: Sendable, Equatable {
    /// One `key = value` line (plus any continuation lines).
    package struct Entry: Sendable, Equatable {
        package var key: String
        package var value: String
        /// 1-based line of the key.
        package var line: Int
    }

    /// A `[name]` section and its entries in file order.
    package struct Section: Sendable, Equatable {
        package var name: String
        /// 1-based line of the header.
        package var line: Int
        package var entries: [Entry]

        /// The entry for `key` (already lower-cased), if present.
        package func entry(_ key: String) -> Entry? { entries.first { $0.key == key } }
    }

    /// A line that is not valid INI.
    package struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        package var path: String
        package var line: Int
        package var message: String
        package var description: String { "\(path):\(line): \(message)" }
    }

    package let path: String
    package private(set) var sections: [Section] = []

    /// The section named `name` (case-sensitive, as in configparser).
    package func section(_ name: String) -> Section? { sections.first { $0.name == name } }

    /// Parses `text`; `path` is only used in error messages.
    ///
    /// Throws `SyntaxError` for a line that is neither a header, a key line, a
    /// comment nor a continuation, for a key before the first section, and for
    /// a section or key given twice (configparser's strict mode does the same).
    package init(text: String, path: String) throws(SyntaxError) {
        self.path = path
        // Indentation of the last key line, while a value may still continue (configparser:
        // a line indented deeper than its key continues the key's value).
        var keyIndent: Int? = nil
        // "\r\n" is one Character in Swift, so split on every line-ending form.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for (i, rawLine) in lines.enumerated() {
            let number = i + 1
            let line = Substring(rawLine)
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty { keyIndent = nil; continue }
            if trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count
            if let keyIndent, indent > keyIndent, var s = sections.popLast() {
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
                keyIndent = nil
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
            keyIndent = indent
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
