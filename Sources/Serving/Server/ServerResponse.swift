import HTTPTypes
import NIOCore

/// One response of the server's routes: status, content type, body and, for a
/// 405, the `Allow` header.
public struct ServerResponse: Sendable {
    public var status: HTTPResponse.Status
    public var contentType: String
    public var body: ByteBuffer
    public var allow: String?

    public init(status: HTTPResponse.Status = .ok, contentType: String = "application/json", body: ByteBuffer, allow: String? = nil) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.allow = allow
    }

    /// The `{"error": "..."}` response for `error`.
    public init(_ error: ServingError) {
        self.init(status: error.status, body: error.jsonBody, allow: error.headers[.allow])
    }
}
