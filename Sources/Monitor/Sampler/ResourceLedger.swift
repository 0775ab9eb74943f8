import Engine

/// Fills the resource figures the engine cannot know (CPU seconds per generation,
/// peak RSS, each thread's load and memory growth) by charging each /proc sample
/// to the mode that was active.
///
/// Pure value type: feed it samples, then `apply` it to a snapshot.
public struct ResourceLedger: Sendable, Equatable {
    /// One thread's totals while in a mode.
    public struct ThreadTotal: Sendable, Equatable {
        public var process: ProcessRole
        public var name: String
        public var cpuSeconds: Double = 0
        public var waitSeconds: Double = 0
    }

    public struct Entry: Sendable, Equatable {
        public var cpuSeconds: Double = 0
        public var peakRSS: UInt64 = 0
        /// Seconds of sampled intervals charged here.
        public var seconds: Double = 0
        /// Per thread (`ThreadActivity.key`).
        public var threads: [Int64: ThreadTotal] = [:]
        public var serverObserved = false
        public var minorFaults: UInt64 = 0
        /// RSS (dashboard + server) at the first and latest sample, and the sampled seconds between them.
        public var firstRSS: UInt64?
        public var lastRSS: UInt64 = 0
        public var rssSeconds: Double = 0
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
        if sample.intervalSeconds > 0 {
            e.seconds += sample.intervalSeconds
            e.minorFaults += sample.minorFaultsDelta
            for t in sample.threads {
                var total = e.threads[ThreadActivity.key(t)] ?? ThreadTotal(process: t.process, name: t.name)
                total.cpuSeconds += t.cpuPercent / 100 * sample.intervalSeconds
                total.waitSeconds += t.waitPercent / 100 * sample.intervalSeconds
                total.name = t.name
                e.threads[ThreadActivity.key(t)] = total
            }
            if sample.serverCPUPercent != nil { e.serverObserved = true }
            if rss > 0, e.firstRSS != nil { e.rssSeconds += sample.intervalSeconds }
        }
        if rss > 0 {
            if e.firstRSS == nil { e.firstRSS = rss }
            e.lastRSS = rss
        }
        entries[mode] = e
    }

    /// The load of one entry: each thread's average share of a core over the entry's seconds.
    public static func load(_ e: Entry) -> ModeLoad? {
        guard e.seconds > 0 else { return nil }
        let threads = e.threads.values.map {
            ModeLoad.Thread(process: $0.process, name: $0.name, cpuPercent: $0.cpuSeconds / e.seconds * 100,
                            waitPercent: $0.waitSeconds / e.seconds * 100)
        }.sorted { ($0.busyPercent, $1.name) > ($1.busyPercent, $0.name) }
        return ModeLoad(seconds: e.seconds, threads: threads, serverObserved: e.serverObserved, rssFirstBytes: e.firstRSS ?? 0,
                        rssLastBytes: e.lastRSS, rssSeconds: e.rssSeconds, minorFaults: e.minorFaults)
    }

    /// The snapshot with `cpuSecondsPerGeneration`, `peakRSSBytes` and `load` filled where the engine left them nil.
    public func apply(to snapshot: MetricsSnapshot) -> MetricsSnapshot {
        var s = snapshot
        for i in s.modes.indices {
            guard let e = entries[s.modes[i].mode] else { continue }
            if s.modes[i].cpuSecondsPerGeneration == nil, s.modes[i].generations > 0, e.cpuSeconds > 0 {
                s.modes[i].cpuSecondsPerGeneration = e.cpuSeconds / Double(s.modes[i].generations)
            }
            if s.modes[i].peakRSSBytes == nil, e.peakRSS > 0 { s.modes[i].peakRSSBytes = e.peakRSS }
            if s.modes[i].load == nil { s.modes[i].load = Self.load(e) }
        }
        return s
    }
}
