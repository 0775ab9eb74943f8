/// How a load run decides when to send.
public enum LoadMode: Sendable, Equatable {
    /// Requests leave on a schedule (`rate` per second), whatever the server
    /// does; latency is measured from each request's intended send time.
    case openLoop(rate: Double, arrivals: LoadArrivals, seed: UInt64)
    /// Each connection sends its next request as soon as the previous answer
    /// arrived (wrk's way): the server sets the pace, and a stall shows only
    /// in the requests that were in flight.
    case closedLoop

    /// The target rate in open loop.
    public var rate: Double? {
        if case .openLoop(let r, _, _) = self { return r }
        return nil
    }

    public var origin: LatencyOrigin { rate == nil ? .sent : .intended }
}
