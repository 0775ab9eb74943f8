/// Where a request's latency is measured from.
///
/// Open loop, the load generator decides when each request *should* leave
/// (`ArrivalSchedule`); if the server stalls, requests queue in the generator
/// and leave late. Measuring from the actual send would hide that wait — the
/// requests a stalled server delayed never show it (coordinated omission).
/// Measuring from the intended time charges every request the whole wait a
/// user arriving then would have seen. Closed loop, a request is only meant to
/// leave when its connection's previous answer arrived, so the two coincide.
public enum LatencyOrigin: Sendable, Equatable {
    /// From the request's intended send time (coordinated-omission corrected).
    case intended
    /// From when the request was written to the socket (service time).
    case sent

    /// Nanoseconds from this origin to `answered`.
    ///
    /// - Parameters:
    ///   - intended: when the schedule meant the request to leave.
    ///   - sent: when it was written (never before `intended` in open loop).
    ///   - answered: when its whole answer had arrived.
    /// A clock that went backwards (it cannot: all three are monotonic) gives 0, not a wrap.
    @inline(__always)
    public func latency(intended: UInt64, sent: UInt64, answered: UInt64) -> UInt64 {
        let from = self == .intended ? intended : sent
        return answered >= from ? answered - from : 0
    }
}
