/// A neat-python configuration file that cannot be used, and why.
///
/// The description names the file, the line where known, the section, the key,
/// the value received and what is allowed, for example:
///
/// ```text
/// neat.ini:34: [DefaultGenome] conn_add_prob = "abc": expected a number between 0 and 1
/// ```
public struct NEATConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem it is (tests and callers can switch on it).
    public enum Kind: String, Sendable, Equatable {
        /// The file cannot be read.
        case unreadable
        /// A line is not valid INI (or a section or key is given twice).
        case malformed
        /// A required section is absent.
        case missingSection
        /// A section neat-python does not know.
        case unknownSection
        /// A required key is absent.
        case missingKey
        /// A key its section does not have.
        case unknownKey
        /// A value of the wrong type or outside the allowed range.
        case badValue
        /// A valid neat-python setting this engine does not implement.
        case unsupported
    }

    public var kind: Kind
    /// The file as the caller named it.
    public var path: String
    /// 1-based line, when the problem is on one line.
    public var line: Int?
    public var section: String?
    public var key: String?
    /// The value as written in the file.
    public var value: String?
    /// What is wrong and what is allowed.
    public var message: String

    public init(_ kind: Kind, path: String, line: Int? = nil, section: String? = nil, key: String? = nil,
                value: String? = nil, message: String) {
        self.kind = kind; self.path = path; self.line = line
        self.section = section; self.key = key; self.value = value; self.message = message
    }

    public var description: String {
        var s = path
        if let line { s += ":\(line)" }
        if section != nil || key != nil { s += ":" }
        if let section { s += " [\(section)]" }
        if let key {
            s += " \(key)"
            if let value { s += " = \"\(value)\"" }
        }
        return s + ": " + message
    }
}
