/// Where the server's parts of a split round trip came from.
///
/// `header`: each answer's own `Server-Timing` (per request, exact). `statistics`:
/// the server's cumulative v2 statistics (`GET /v2/models/{name}/stats`), polled
/// about once a second; every request answered in a window gets that window's mean
/// server time per request, over all the server's clients, not only this one.
public enum BreakdownSource: String, Sendable, CaseIterable {
    case header
    case statistics
}
