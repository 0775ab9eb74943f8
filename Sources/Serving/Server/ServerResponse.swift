import HTTPTypes
import NIOCore
import Wire

/// One response of the server's routes: status, content type, body and any
/// further headers (`Allow` on a 405, `Retry-After` on a 503, …).
public struct ServerResponse: Sendable {
    public var status: HTTPResponse.Status
    public var contentType: String
    public var body: ByteBuffer
    /// Headers beyond Content-Type and Content-Length, in order.
    public var headers: [(name: String, value: String)]
    /// The server's share of an inference answer, sent as `Server-Timing` after `headers`.
    /// A field of its own rather than an entry of `headers`: it goes out with every inference
    /// answer, and this way the answer needs no header array and the text is written once,
    /// where the head is encoded.
    public var serverTiming: ServerTiming?

    public init(status: HTTPResponse.Status = .ok, contentType: String = "application/json", body: ByteBuffer,
                headers: [(name: String, value: String)] = [], serverTiming: ServerTiming? = nil) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.headers = headers
        self.serverTiming = serverTiming
    }

    /// The `{"error": "..."}` response for `error`, with its headers.
    public init(_ error: ServingError) {
        self.init(status: error.status, body: error.jsonBody,
                  headers: error.headers.map { (name: $0.name.canonicalName, value: $0.value) })
    }

    /// The value of header `name` (case-insensitive), if set.
    public func header(_ name: String) -> String? {
        if let serverTiming, name.lowercased() == "server-timing" { return serverTiming.headerValue }
        return headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
