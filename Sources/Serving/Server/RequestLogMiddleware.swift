import Hummingbird
import Logging

/// Logs every request as `POST /infer - 200 - 0.12ms` (the guide's FastAPI
/// middleware line) and records it in `ServerMetrics`.
///
/// It is also where every error becomes the JSON error body, so the status it
/// logs and counts is the status the client gets.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger
    let level: Logger.Level
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = ServingError.from(error).response
        }
        let elapsed = start.duration(to: .now)
        let nanos = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
        let route = context.endpointPath.map { $0 == "NotFound" ? "unmatched" : $0 } ?? "unmatched"
        metrics.recordRequest(route: route, status: response.status.code, nanoseconds: nanos)
        logger.log(level: level, "\(request.method) \(request.uri.path) - \(response.status.code) - \(Self.milliseconds(nanos))ms")
        return response
    }

    /// Milliseconds with two decimals, without Foundation: 123_456 ns → "0.12".
    static func milliseconds(_ nanos: Int64) -> String {
        let hundredths = (max(0, nanos) + 5_000) / 10_000
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
