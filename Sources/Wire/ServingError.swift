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

    /// The JSON error body `{"error": "..."}`.
    public var jsonBody: ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(message.utf8.count + 16)
        buffer.writeStaticString("{\"error\":")
        JSONWriter.writeString(message, into: &buffer)
        buffer.writeStaticString("}")
        return buffer
    }
}
