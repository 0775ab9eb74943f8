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
    static func badRequest(_ message: String) -> ServingError { ServingError(.badRequest, message) }

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
