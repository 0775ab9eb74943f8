import NIOCore

/// One HTTP request as the server's routes see it, whatever the transport:
/// method, path (query string removed), the headers the routes read, and the
/// whole body.
public struct ServerRequest: Sendable {
    public var method: String
    public var path: String
    public var contentType: String?
    /// `Inference-Header-Content-Length` (the JSON header's length in an Open
    /// Inference Protocol body with binary tensors), as sent.
    public var inferenceHeaderLength: String?
    public var body: ByteBuffer
    /// Set by the transport when the body was over the limit (then `body` is empty).
    public var bodyTooLarge: Bool
    /// When the request's last byte was read (the start of `Server-Timing`'s queue time).
    public var receivedAt: ContinuousClock.Instant

    public init(method: String, uri: String, contentType: String? = nil, inferenceHeaderLength: String? = nil,
                body: ByteBuffer = ByteBuffer(), bodyTooLarge: Bool = false, receivedAt: ContinuousClock.Instant = .now) {
        self.method = method
        if let q = uri.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(uri[..<q]) } else { path = uri }
        self.contentType = contentType
        self.inferenceHeaderLength = inferenceHeaderLength
        self.body = body
        self.bodyTooLarge = bodyTooLarge
        self.receivedAt = receivedAt
    }
}
