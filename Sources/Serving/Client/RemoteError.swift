/// Why a request to a remote inference server failed.
///
/// Every case names the endpoint (`POST http://127.0.0.1:8000/infer`) and says
/// what was expected and what came back, so a log line alone explains it.
public enum RemoteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No complete response within the request timeout.
    case timeout(endpoint: String, milliseconds: Int)
    /// The connection could not be made or broke (refused, reset, closed early).
    case connection(endpoint: String, message: String)
    /// The server answered with an error status; `message` is its `{"error": "..."}`
    /// text, or the start of the body when it sent something else.
    case status(endpoint: String, code: Int, message: String)
    /// The body was not the expected JSON, or had the wrong shape.
    case badResponse(endpoint: String, message: String)
    /// The request could not be built (a NaN or infinite input has no JSON form).
    case badInput(String)
    /// A setup or usage problem: invalid URL, client already shut down, model
    /// encoding failed, unknown server kind.
    case client(String)

    /// Whether trying the same request again may succeed: timeouts, connection
    /// failures, 5xx and 429. A 4xx, a malformed response or bad input would
    /// fail the same way again.
    public var isRetryable: Bool {
        switch self {
        case .timeout, .connection: return true
        case .status(_, let code, _): return code >= 500 || code == 429
        case .badResponse, .badInput, .client: return false
        }
    }

    public var description: String {
        switch self {
        case .timeout(let e, let ms): return "\(e): no response within \(ms) ms (request timeout)"
        case .connection(let e, let m): return "\(e): connection failed: \(m)"
        case .status(let e, let code, let m): return "\(e): HTTP \(code): \(m)"
        case .badResponse(let e, let m): return e.isEmpty ? "bad response: \(m)" : "\(e): bad response: \(m)"
        case .badInput(let m): return "bad inference input: \(m)"
        case .client(let m): return m
        }
    }
}
