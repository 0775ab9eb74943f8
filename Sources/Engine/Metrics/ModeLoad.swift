/// What the machine did while one mode was active, from /proc samples charged to
/// that mode: each thread's share of a core, and memory growth.
///
/// The engine cannot see these itself; the monitor's sampler (and `train`) fill
/// them in, and the bottleneck verdict reads them.
public struct ModeLoad: Sendable, Equatable {
    /// One thread's average over the mode's sampled time.
    public struct Thread: Sendable, Equatable {
        public var process: ProcessRole
        public var name: String
        /// Percent of one core spent running.
        public var cpuPercent: Double
        /// Percent of the time spent ready to run but waiting for a core.
        public var waitPercent: Double

        /// Running or waiting to run: how much of a core the thread wanted.
        public var busyPercent: Double { cpuPercent + waitPercent }

        public init(process: ProcessRole, name: String, cpuPercent: Double, waitPercent: Double = 0) {
            self.process = process; self.name = name; self.cpuPercent = cpuPercent; self.waitPercent = waitPercent
        }
    }

    /// Seconds of samples behind these figures.
    public var seconds: Double
    /// Busiest (running + waiting) first.
    public var threads: [Thread]
    /// Whether a server child's threads were read (false for an external server).
    public var serverObserved: Bool
    /// Resident memory of dashboard + server at the first and last sample, bytes.
    public var rssFirstBytes: UInt64
    public var rssLastBytes: UInt64
    /// Seconds between the first and last RSS reading.
    public var rssSeconds: Double
    /// Minor page faults over `seconds`.
    public var minorFaults: UInt64

    public init(seconds: Double, threads: [Thread], serverObserved: Bool, rssFirstBytes: UInt64 = 0, rssLastBytes: UInt64 = 0,
                rssSeconds: Double = 0, minorFaults: UInt64 = 0) {
        self.seconds = seconds; self.serverObserved = serverObserved
        self.threads = threads.sorted { $0.busyPercent > $1.busyPercent }
        self.rssFirstBytes = rssFirstBytes; self.rssLastBytes = rssLastBytes; self.rssSeconds = rssSeconds
        self.minorFaults = minorFaults
    }

    /// RSS growth, bytes per second (negative when it shrank; 0 over no time).
    public var rssGrowthBytesPerSecond: Double {
        rssSeconds > 0 ? (Double(rssLastBytes) - Double(rssFirstBytes)) / rssSeconds : 0
    }

    public var minorFaultsPerSecond: Double { seconds > 0 ? Double(minorFaults) / seconds : 0 }

    /// The busiest thread of `process`, optionally only those whose name starts with `prefix`.
    public func busiest(_ process: ProcessRole, prefix: String? = nil) -> Thread? {
        threads.first { $0.process == process && (prefix.map($0.name.hasPrefix) ?? true) }
    }

    /// The server process's busy share summed over its threads, percent of one core.
    public var serverBusyPercent: Double { threads.filter { $0.process == .server }.reduce(0) { $0 + $1.busyPercent } }
}
