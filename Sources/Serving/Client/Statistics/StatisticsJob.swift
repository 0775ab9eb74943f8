import Engine
import NIOCore
import Wire

/// `GET /v2/models/{name}/stats` for each of a list of models, pipelined on the
/// statistics poller's own connection, or one `GET /v2/models/stats` (every
/// model's, Triton's form) when `names` is nil. Every answer is kept, good or
/// bad: the poller decides what a 404 or an unreadable body means.
final class StatisticsJob: ExchangeJob {
    /// What one model's poll gave.
    enum Answer {
        case models([V2ModelStatistics.Model])
        /// The server answered with this status (404: no statistics endpoint, or no such model).
        case status(Int, String)
        /// The body was not a statistics object.
        case unreadable(String)
    }

    /// The models asked for one by one; nil: every model in one request.
    let names: [String]?
    let baseURL: String
    private(set) var answers: [Answer?]

    init(names: [String]?, baseURL: String) {
        self.names = names
        self.baseURL = baseURL
        answers = Array(repeating: nil, count: names?.count ?? 1)
    }

    /// Requests the job makes.
    var count: Int { answers.count }

    private func path(_ index: Int) -> String {
        guard let names else { return "/v2/models/stats" }
        return "/v2/models/\(HTTPRequestHead.pathSegment(names[index]))/stats"
    }

    func writeRequest(_ index: Int, into buffer: inout ByteBuffer, target: HTTPTarget) throws(RemoteError) {
        HTTPRequestHead.write(method: "GET", path: target.basePath + path(index), host: target.hostHeader,
                              contentType: nil, contentLength: 0, into: &buffer)
    }

    func accept(_ index: Int, _ response: ClientResponse) -> ExchangeAnswer {
        guard response.status == 200 else {
            answers[index] = .status(response.status, JSONField.errorMessage(in: response.bodyText))
            return .accepted
        }
        do throws(ServingError) {
            answers[index] = .models(try V2ModelStatistics.parse(response.body).models)
        } catch {
            answers[index] = .unreadable(error.message)
        }
        return .accepted
    }

    func finished(_ index: Int, nanos: UInt64, error: RemoteError?) {}

    func retrying(_ index: Int, after error: RemoteError) {}

    func endpoint(_ index: Int) -> String { "GET \(baseURL)\(path(index))" }
}
