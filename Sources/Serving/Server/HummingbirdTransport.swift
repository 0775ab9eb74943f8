import HTTPTypes
import Hummingbird
import NIOCore

/// Serves `ServerRoutes` through hummingbird: the second transport, used by the
/// endpoint tests (HummingbirdTesting) and by `dashboard serve --engine hummingbird`
/// for comparison with the plain NIO transport.
struct HummingbirdTransport<Context: RequestContext>: HTTPResponder {
    let routes: ServerRoutes
    let maxBodyBytes: Int

    func respond(to request: Request, context: Context) async throws -> Response {
        var tooLarge = false
        var body = ByteBuffer()
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBodyBytes {
            tooLarge = true
        } else {
            do {
                body = try await request.body.collect(upTo: maxBodyBytes)
            } catch is NIOTooManyBytesError {
                tooLarge = true
            }
        }
        let answer = routes.respond(to: ServerRequest(method: request.method.rawValue, uri: request.uri.description,
                                                      contentType: request.headers[.contentType], body: body, bodyTooLarge: tooLarge))
        var fields: HTTPFields = [.contentType: answer.contentType]
        if let allow = answer.allow { fields[.allow] = allow }
        return Response(status: answer.status, headers: fields, body: .init(byteBuffer: answer.body))
    }
}
