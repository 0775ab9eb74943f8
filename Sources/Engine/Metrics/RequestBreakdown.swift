/// Where one remote request's round trip went, in nanoseconds, as the client saw it.
///
/// `roundTrip` runs from the request's first send (its encoding included) to its
/// answer decoded. With the server's parts known, `wire` is the rest:
/// round trip − client encode − server total − client decode (never below 0).
public struct RequestBreakdown: Sendable, Equatable {
    public var roundTripNanos: UInt64
    public var clientEncodeNanos: UInt64
    public var clientDecodeNanos: UInt64
    /// The server's parts (decode, queue, compute, encode), when it sent them.
    public var server: (decode: UInt64, queue: UInt64, compute: UInt64, encode: UInt64)?
    /// Where `server` came from: the answer's header, or a window's mean from the server's statistics.
    public var source: BreakdownSource

    public init(roundTripNanos: UInt64, clientEncodeNanos: UInt64, clientDecodeNanos: UInt64,
                server: (decode: UInt64, queue: UInt64, compute: UInt64, encode: UInt64)?, source: BreakdownSource = .header) {
        self.roundTripNanos = roundTripNanos; self.clientEncodeNanos = clientEncodeNanos
        self.clientDecodeNanos = clientDecodeNanos; self.server = server; self.source = source
    }

    /// The server's total, 0 when it sent no timing.
    public var serverNanos: UInt64 { server.map { $0.decode &+ $0.queue &+ $0.compute &+ $0.encode } ?? 0 }

    /// Round trip minus everything measured: the network and the queues.
    public var wireNanos: UInt64 {
        let known = clientEncodeNanos &+ clientDecodeNanos &+ serverNanos
        return roundTripNanos > known ? roundTripNanos - known : 0
    }

    /// The nanoseconds of `part`.
    public func nanos(_ part: BreakdownPart) -> UInt64 {
        switch part {
        case .clientEncode: clientEncodeNanos
        case .wire: wireNanos
        case .serverDecode: server?.decode ?? 0
        case .serverQueue: server?.queue ?? 0
        case .serverCompute: server?.compute ?? 0
        case .serverEncode: server?.encode ?? 0
        case .clientDecode: clientDecodeNanos
        }
    }

    public static func == (a: RequestBreakdown, b: RequestBreakdown) -> Bool {
        a.roundTripNanos == b.roundTripNanos && a.clientEncodeNanos == b.clientEncodeNanos
            && a.clientDecodeNanos == b.clientDecodeNanos && a.source == b.source && a.server.map { [$0.decode, $0.queue, $0.compute, $0.encode] }
            == b.server.map { [$0.decode, $0.queue, $0.compute, $0.encode] }
    }
}
