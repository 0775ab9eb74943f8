import Engine

/// What one repetition of one inference mode measured: the raw material of a
/// report row, before the repetitions are summarised.
///
/// Latency is per inference call for CPU-only (one call evaluates a worker's
/// tick in-process) and per HTTP request for the remote modes; `requestsPerSecond`
/// counts the same unit.
public struct RepetitionFigures: Sendable, Equatable {
    public var p50Micros: Double
    public var p95Micros: Double
    public var p99Micros: Double
    public var requestsPerSecond: Double
    public var generationsPerSecond: Double
    /// Process CPU seconds (dashboard plus a built-in server child) per generation.
    public var cpuSecondsPerGeneration: Double?
    /// Highest resident memory seen (dashboard plus a built-in server child), bytes.
    public var peakRSSBytes: UInt64?
    public var errors: UInt64
    /// Remote modes: the mean µs of each part of a request's round trip, keyed by
    /// `BreakdownPart.rawValue`; nil when the server sent no timing.
    public var breakdownMicros: [String: Double]?
    /// Remote modes with an assumed round trip (`report --assume-rtt`): this repetition's
    /// figures projected a network hop away (`NetworkProjection`); nil otherwise.
    public var projection: NetworkProjection?

    public init(p50Micros: Double, p95Micros: Double, p99Micros: Double, requestsPerSecond: Double, generationsPerSecond: Double,
                cpuSecondsPerGeneration: Double? = nil, peakRSSBytes: UInt64? = nil, errors: UInt64 = 0,
                breakdownMicros: [String: Double]? = nil, projection: NetworkProjection? = nil) {
        self.p50Micros = p50Micros; self.p95Micros = p95Micros; self.p99Micros = p99Micros
        self.requestsPerSecond = requestsPerSecond; self.generationsPerSecond = generationsPerSecond
        self.cpuSecondsPerGeneration = cpuSecondsPerGeneration; self.peakRSSBytes = peakRSSBytes
        self.errors = errors; self.breakdownMicros = breakdownMicros; self.projection = projection
    }
}
