import Engine

/// Fills the resource figures the engine cannot know (CPU seconds per generation,
/// peak RSS) by charging each /proc sample to the mode that was active.
///
/// Pure value type: feed it samples, then `apply` it to a snapshot.
public struct ResourceLedger: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var cpuSeconds: Double = 0
        public var peakRSS: UInt64 = 0
    }
    public private(set) var entries: [InferenceMode: Entry] = [:]

    public init() {}

    /// Charges one sampling interval to `mode` (nothing is charged while paused).
    public mutating func record(mode: InferenceMode, paused: Bool, sample: SystemSample) {
        guard !paused else { return }
        var e = entries[mode] ?? Entry()
        e.cpuSeconds += sample.cpuSecondsDelta
        let rss = (sample.dashboardRSS ?? 0) + (sample.serverRSS ?? 0)
        e.peakRSS = Swift.max(e.peakRSS, rss)
        entries[mode] = e
    }

    /// The snapshot with `cpuSecondsPerGeneration` and `peakRSSBytes` filled where the engine left them nil.
    public func apply(to snapshot: MetricsSnapshot) -> MetricsSnapshot {
        var s = snapshot
        for i in s.modes.indices {
            guard let e = entries[s.modes[i].mode] else { continue }
            if s.modes[i].cpuSecondsPerGeneration == nil, s.modes[i].generations > 0, e.cpuSeconds > 0 {
                s.modes[i].cpuSecondsPerGeneration = e.cpuSeconds / Double(s.modes[i].generations)
            }
            if s.modes[i].peakRSSBytes == nil, e.peakRSS > 0 { s.modes[i].peakRSSBytes = e.peakRSS }
        }
        return s
    }
}
