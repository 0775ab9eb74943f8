import Engine

/// CPU use of one thread over the last sampling interval.
public struct ThreadCPU: Sendable, Equatable {
    public var process: ProcessRole
    public var pid: Int32
    public var tid: Int32
    public var name: String
    /// Percent of one core over the interval (100 = one core busy).
    public var cpuPercent: Double
    /// Percent of the interval the thread was ready to run but waited for a core
    /// (`/proc/<pid>/task/<tid>/schedstat`): on a shared machine a thread that
    /// wants a whole core shows cpu + wait near 100 while its cpu alone is lower.
    public var waitPercent: Double

    public init(process: ProcessRole, pid: Int32, tid: Int32, name: String, cpuPercent: Double, waitPercent: Double = 0) {
        self.process = process; self.pid = pid; self.tid = tid; self.name = name; self.cpuPercent = cpuPercent
        self.waitPercent = waitPercent
    }
}

/// What the /proc sampler saw at one moment.
public struct SystemSample: Sendable, Equatable {
    /// Threads of the dashboard and the server child, busiest first.
    public var threads: [ThreadCPU]
    public var dashboardRSS: UInt64?
    public var serverRSS: UInt64?
    /// Whole-process CPU percent of one core over the interval.
    public var dashboardCPUPercent: Double
    public var serverCPUPercent: Double?
    /// CPU seconds used by dashboard + server during the interval.
    public var cpuSecondsDelta: Double
    /// Seconds since the previous sample (0 for the first).
    public var intervalSeconds: Double
    /// Minor page faults of dashboard + server during the interval: fresh pages
    /// the allocators took from the kernel (the allocation rate /proc can see).
    public var minorFaultsDelta: UInt64

    public init(threads: [ThreadCPU] = [], dashboardRSS: UInt64? = nil, serverRSS: UInt64? = nil,
                dashboardCPUPercent: Double = 0, serverCPUPercent: Double? = nil, cpuSecondsDelta: Double = 0,
                intervalSeconds: Double = 0, minorFaultsDelta: UInt64 = 0) {
        self.threads = threads; self.dashboardRSS = dashboardRSS; self.serverRSS = serverRSS
        self.dashboardCPUPercent = dashboardCPUPercent; self.serverCPUPercent = serverCPUPercent
        self.cpuSecondsDelta = cpuSecondsDelta; self.intervalSeconds = intervalSeconds; self.minorFaultsDelta = minorFaultsDelta
    }

    public static let empty = SystemSample()
}
