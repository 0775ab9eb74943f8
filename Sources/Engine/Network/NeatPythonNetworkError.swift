/// A neat-python network JSON document that cannot be imported, and why.
///
/// `field` is a path into the document (`nodes[3].activation.name`,
/// `connections[0].from`, `format_version`), `message` says what is wrong and
/// what is allowed.
public struct NeatPythonNetworkError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String {
        field.isEmpty ? "neat-python network JSON: \(message)" : "neat-python network JSON: \(field): \(message)"
    }
}
