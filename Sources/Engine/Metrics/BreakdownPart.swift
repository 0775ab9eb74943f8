/// One share of a remote request's round trip, in the order the time is spent.
///
/// The client measures its own encode and decode and the whole round trip; the
/// server reports its four parts in a `Server-Timing` header; what is left
/// (`wire`) is the time on the network and in the queues on either side
/// (socket buffers, the server's event loop, the client's own pipeline).
public enum BreakdownPart: String, CaseIterable, Sendable {
    case clientEncode = "client_encode"
    case wire
    case serverDecode = "server_decode"
    case serverQueue = "server_queue"
    case serverCompute = "server_compute"
    case serverEncode = "server_encode"
    case clientDecode = "client_decode"

    /// Short label for narrow views (the monitor's legend).
    public var shortLabel: String {
        switch self {
        case .clientEncode: "enc"
        case .wire: "wire"
        case .serverDecode: "s.dec"
        case .serverQueue: "s.queue"
        case .serverCompute: "s.comp"
        case .serverEncode: "s.enc"
        case .clientDecode: "dec"
        }
    }

    /// Whether the server reports this part (the rest the client measures itself).
    public var isServer: Bool {
        switch self {
        case .serverDecode, .serverQueue, .serverCompute, .serverEncode: true
        default: false
        }
    }
}
