/// What one duel generation did, for logs, benchmarks and the monitor.
public struct DuelGenerationReport: Sendable {
    public var stats: GenerationStats
    public var tournament: TournamentResult
    /// The generation's champion against the reference bot: (wins + ½ draws) / matches.
    public var championWinRate: Double
    /// Match wall times of this generation.
    public var matchLatency: LatencySummary
    /// The whole generation: tournament, reproduction and the reference games.
    public var wallNanos: UInt64
    public var mode: InferenceMode

    /// The guide's per-generation line.
    public var statsLine: String {
        "Tournament stats - Time: \(wallNanos / 1_000_000)ms, Match count: \(tournament.matches), "
            + "p50: \(Int(matchLatency.p50.rounded()))µs, p95: \(Int(matchLatency.p95.rounded()))µs, p99: \(Int(matchLatency.p99.rounded()))µs"
    }
}
