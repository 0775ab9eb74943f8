/// A neat-python network JSON document that cannot be imported, and why.
///
/// `field` is a path into the document (`nodes[3].activation.name`,
/// `connections[0].from`, `format_version`), `message` says what is wrong and
/// what is allowed. `limit` is set when the document is over one of the
/// `NetworkLimits` (a server answers 413 and names the limit's setting).
public struct NeatPythonNetworkError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var message: String
    /// The limit the document went over, when that is the problem.
    public var limit: NetworkLimits.Limit?

    public init(field: String, message: String, limit: NetworkLimits.Limit? = nil) {
        self.field = field
        self.message = message
        self.limit = limit
    }

    /// "`field`: `value` is over the limit of N `what` (`setting`)".
    static func overLimit(_ field: String, _ value: Int, _ limit: NetworkLimits.Limit, _ what: String) -> NeatPythonNetworkError {
        NeatPythonNetworkError(field: field, message: "\(value) is over the limit of \(limit.value) \(what) (raise it with \(limit.setting))",
                               limit: limit)
    }

    public var description: String {
        field.isEmpty ? "neat-python network JSON: \(message)" : "neat-python network JSON: \(field): \(message)"
    }
}
