import HTTPTypes
import Hummingbird
import NIOCore

/// A request the server refuses, with the HTTP status and a message saying what was wrong.
///
/// Every error response of the server has the body `{"error": "<message>"}`;
/// `ServingError.response(for:)` turns any error (ours, hummingbird's, or an
/// unexpected one) into that shape.
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

    /// The response for this error.
    public var response: Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: jsonBody))
    }

    /// Maps any error thrown while handling a request to a `ServingError`.
    ///
    /// Hummingbird's own errors (unknown route, body too large) keep their status
    /// and get a message; anything unexpected becomes a 500 with its description.
    public static func from(_ error: any Error) -> ServingError {
        switch error {
        case let e as ServingError:
            return e
        case let e as HTTPError:
            let message = e.body ?? defaultMessage(for: e.status)
            return ServingError(e.status, message, headers: e.headers)
        case let e as any HTTPResponseError:
            return ServingError(e.status, defaultMessage(for: e.status))
        case is NIOTooManyBytesError:
            return ServingError(.contentTooLarge, "request body is larger than the server's limit")
        default:
            return ServingError(.internalServerError, "internal error: \(error)")
        }
    }

    static func defaultMessage(for status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: return "no such route"
        case .contentTooLarge: return "request body is larger than the server's limit"
        case .methodNotAllowed: return "method not allowed"
        default: return status.reasonPhrase
        }
    }
}
