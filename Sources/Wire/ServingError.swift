import HTTPTypes
import NIOCore

/// A request the server refuses, with the HTTP status and a message saying what was wrong.
///
/// Every error response of the server has the body `{"error": "<message>"}`
/// (`jsonBody`); `ServerResponse(error)` is that response.
///
/// ```swift
/// throw ServingError(.badRequest, "row 3 has 99 values, model 'x' expects 100")
/// ```
public struct ServingError: Error, Sendable, Equatable, CustomStringConvertible {
    public let status: HTTPResponse.Status
    public let message: String
    /// Extra headers (for example `Allow` on a 405).
    public var headers: HTTPFields
    /// Content ids of networks the server lacks (a 404 to `POST /infer`), listed
    /// in the body's `"missing"` array so the client can send them inline.
    public var missing: [String] = []

    public init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    public var description: String { "\(status.code) \(message)" }

    /// 400 for a body that is not JSON or not the expected shape.
    package static func badRequest(_ message: String) -> ServingError { ServingError(.badRequest, message) }

    /// 413 for a request over one of the server's limits, naming the setting that raises it.
    ///
    /// `overLimit("inputs", 70000, "rows", limit: 65536, setting: "--max-rows")` says
    /// "inputs: 70000 rows is over the limit of 65536 rows (raise it with --max-rows)".
    package static func overLimit(_ subject: String, _ value: Int, _ unit: String, limit: Int, setting: String) -> ServingError {
        ServingError(.contentTooLarge, "\(subject): \(value) \(unit) is over the limit of \(limit) \(unit) (raise it with \(setting))")
    }

    /// The 404 for networks named by content id that the server does not hold:
    /// `{"error": "...", "missing": [ids]}`.
    package static func missingNetworks(_ ids: [String]) -> ServingError {
        let sample = ids.prefix(3).map { "'\($0)'" }.joined(separator: ", ") + (ids.count > 3 ? " and \(ids.count - 3) more" : "")
        var e = ServingError(.notFound, "\(ids.count) network(s) named by content id are not cached on this server (\(sample)): resend the request with them in \"networks\"")
        e.missing = ids
        return e
    }

    /// The JSON error body `{"error": "..."}` (with `"missing": [...]` when set).
    public var jsonBody: ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(message.utf8.count + 16 + missing.count * 76)
        buffer.writeStaticString("{\"error\":")
        JSONWriter.writeString(message, into: &buffer)
        if !missing.isEmpty {
            buffer.writeStaticString(",\"missing\":[")
            for (i, id) in missing.enumerated() {
                if i > 0 { buffer.writeStaticString(",") }
                JSONWriter.writeString(id, into: &buffer)
            }
            buffer.writeStaticString("]")
        }
        buffer.writeStaticString("}")
        return buffer
    }
}
