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

    public init(status: HTTPResponse.Status = .ok, contentType: String = "application/json", body: ByteBuffer,
                headers: [(name: String, value: String)] = []) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.headers = headers
    }

    /// The `{"error": "..."}` response for `error`, with its headers.
    public init(_ error: ServingError) {
        self.init(status: error.status, body: error.jsonBody,
                  headers: error.headers.map { (name: $0.name.canonicalName, value: $0.value) })
    }

    /// The value of header `name` (case-insensitive), if set.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
