/// The Open Inference Protocol (KServe v2) routes `dashboard serve` answers,
/// parsed from a request path (names percent-decoded).
///
/// | route | methods |
/// |---|---|
/// | `/v2/health/live`, `/v2/health/ready` | GET |
/// | `/v2` (or `/v2/`) | GET: server metadata |
/// | `/v2/models/{name}[/versions/{v}]` | GET: model metadata |
/// | `/v2/models/{name}[/versions/{v}]/ready` | GET |
/// | `/v2/models/{name}[/versions/{v}]/infer` | POST |
/// | `/v2/models/{name}[/versions/{v}]/stats` | GET: statistics extension |
/// | `/v2/models/stats` | GET: statistics of every model (as Triton: a model called `stats` has no metadata route) |
/// | `/v2/repository/index` | POST |
/// | `/v2/repository/models/{name}/load`, `/unload` | POST |
enum V2Route: Equatable {
    case live, ready, server
    case model(name: String, version: String?)
    case modelReady(name: String, version: String?)
    case infer(name: String, version: String?)
    case stats(name: String, version: String?)
    case allStats
    case index
    case load(name: String)
    case unload(name: String)

    /// nil for a path under `/v2` that is no route.
    init?(path: String) {
        guard path == "/v2" || path.hasPrefix("/v2/") else { return nil }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).dropFirst().map { ServerRoutes.percentDecoded($0) }
        switch parts.count {
        case 0: self = .server
        case 2 where parts[0] == "health" && parts[1] == "live": self = .live
        case 2 where parts[0] == "health" && parts[1] == "ready": self = .ready
        case 2 where parts[0] == "repository" && parts[1] == "index": self = .index
        case 2 where parts[0] == "models" && parts[1] == "stats": self = .allStats
        case 4 where parts[0] == "repository" && parts[1] == "models" && parts[3] == "load": self = .load(name: parts[2])
        case 4 where parts[0] == "repository" && parts[1] == "models" && parts[3] == "unload": self = .unload(name: parts[2])
        default:
            guard parts.count >= 2, parts[0] == "models" else { return nil }
            self.init(model: parts[1], rest: Array(parts.dropFirst(2)))
        }
    }

    /// `{name}` followed by `[versions/{v}][/ready|/infer|/stats]`.
    private init?(model name: String, rest: [String]) {
        var rest = rest[...]
        var version: String?
        if rest.first == "versions" {
            guard rest.count >= 2 else { return nil }
            version = rest[rest.startIndex + 1]
            rest = rest.dropFirst(2)
        }
        switch rest.first {
        case nil: self = .model(name: name, version: version)
        case "ready" where rest.count == 1: self = .modelReady(name: name, version: version)
        case "infer" where rest.count == 1: self = .infer(name: name, version: version)
        case "stats" where rest.count == 1: self = .stats(name: name, version: version)
        default: return nil
        }
    }

    /// The route pattern, as metrics label it.
    var pattern: String {
        switch self {
        case .live: return "/v2/health/live"
        case .ready: return "/v2/health/ready"
        case .server: return "/v2"
        case .model: return "/v2/models/{name}"
        case .modelReady: return "/v2/models/{name}/ready"
        case .infer: return "/v2/models/{name}/infer"
        case .stats: return "/v2/models/{name}/stats"
        case .allStats: return "/v2/models/stats"
        case .index: return "/v2/repository/index"
        case .load: return "/v2/repository/models/{name}/load"
        case .unload: return "/v2/repository/models/{name}/unload"
        }
    }

    var allowed: [String] {
        switch self {
        case .infer, .index, .load, .unload: return ["POST"]
        default: return ["GET"]
        }
    }
}
