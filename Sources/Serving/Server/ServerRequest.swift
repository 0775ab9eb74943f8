import NIOCore

/// One HTTP request as the server's routes see it, whatever the transport:
/// method, path (query string removed), content type and the whole body.
public struct ServerRequest: Sendable {
    public var method: String
    public var path: String
    public var contentType: String?
    public var body: ByteBuffer
    /// Set by the transport when the body was over the limit (then `body` is empty).
    public var bodyTooLarge: Bool

    public init(method: String, uri: String, contentType: String?, body: ByteBuffer, bodyTooLarge: Bool = false) {
        self.method = method
        if let q = uri.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(uri[..<q]) } else { path = uri }
        self.contentType = contentType
        self.body = body
        self.bodyTooLarge = bodyTooLarge
    }
}
