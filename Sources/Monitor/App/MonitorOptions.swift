import Engine

/// The monitor's settings, validated: what `dashboard monitor` parsed, handed to
/// the engine factory and to `MonitorApp`.
public struct MonitorOptions: Sendable, Equatable {
    public enum Task: String, Sendable, CaseIterable { case duel, xor, pole }

    /// The mode to start in.
    public var mode: InferenceMode
    /// N for Remote (batch N) (the `b` key), 1...1024.
    public var batch: Int
    /// Remote requests in flight at once.
    public var concurrency: Int
    /// Worker threads; nil = one per core.
    public var threads: Int?
    /// An external inference server; nil = start the built-in one as a child when remote is used.
    public var serverURL: String?
    public var task: Task
    public var population: Int
    public var seed: UInt64
    /// Theme name (a file in a themes folder) or a path to a .theme file.
    public var theme: String
    public var refreshMillis: Int
    public var headless: Bool
    /// Write a CSV snapshot every so many seconds; nil = only on `s`.
    public var csvEverySeconds: Double?
    public var csvDirectory: String
    /// Where log lines go while the screen is drawn; nil = a file in the temporary directory.
    public var logFile: String?
    /// The decision matrix's what-if round trip at start, ms (`--assume-rtt`); nil: loopback.
    public var assumedRTTMillis: Double?

    public init(mode: InferenceMode = .cpu, batch: Int = 8, concurrency: Int = 4, threads: Int? = nil,
                serverURL: String? = nil, task: Task = .duel, population: Int = 150, seed: UInt64 = 1,
                theme: String = "default", refreshMillis: Int = 500, headless: Bool = false,
                csvEverySeconds: Double? = nil, csvDirectory: String = ".", logFile: String? = nil, assumedRTTMillis: Double? = nil) {
        self.assumedRTTMillis = assumedRTTMillis
        self.mode = mode; self.batch = batch; self.concurrency = concurrency; self.threads = threads
        self.serverURL = serverURL; self.task = task; self.population = population; self.seed = seed
        self.theme = theme; self.refreshMillis = refreshMillis; self.headless = headless
        self.csvEverySeconds = csvEverySeconds; self.csvDirectory = csvDirectory; self.logFile = logFile
    }

    public struct ValidationFailure: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// Builds validated options from command-line strings; every error names the flag, what it expects and what it got.
    public static func parse(mode: String, batch: Int?, concurrency: Int, threads: Int?, serverURL: String?,
                             task: String, population: Int, seed: UInt64, theme: String, refreshMillis: Int,
                             headless: Bool, csvEverySeconds: Double?, csvDirectory: String?,
                             logFile: String?, assumeRTT: Double? = nil) throws -> MonitorOptions {
        func fail(_ s: String) -> ValidationFailure { ValidationFailure(description: s) }
        if let b = batch, !(1...1024).contains(b) { throw fail("--batch expects 1...1024, received \(b)") }
        let m: InferenceMode
        switch mode.lowercased() {
        case "cpu": m = .cpu
        case "remote": m = .remote(batch: batch ?? 1)
        default: throw fail("--mode expects cpu or remote, received \(mode.debugDescription)")
        }
        guard (1...1024).contains(concurrency) else { throw fail("--concurrency expects 1...1024, received \(concurrency)") }
        if let t = threads, !(1...1024).contains(t) { throw fail("--threads expects 1...1024, received \(t)") }
        if let u = serverURL {
            let lower = u.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://"),
                  let host = u.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first, !host.isEmpty else {
                throw fail("--server-url expects http://HOST[:PORT][/PATH], received \(u.debugDescription)")
            }
        }
        guard let tk = Task(rawValue: task.lowercased()) else {
            throw fail("--task expects one of \(Task.allCases.map(\.rawValue).joined(separator: ", ")), received \(task.debugDescription)")
        }
        guard (2...100_000).contains(population) else { throw fail("--population expects 2...100000, received \(population)") }
        guard !theme.isEmpty else { throw fail("--theme expects a theme name or a .theme path, received an empty string") }
        guard (50...10_000).contains(refreshMillis) else { throw fail("--refresh expects 50...10000 milliseconds, received \(refreshMillis)") }
        if let c = csvEverySeconds, !(c.isFinite && c >= 1) {
            throw fail("--csv-every expects a number of seconds >= 1, received \(c)")
        }
        if let r = assumeRTT, !(r.isFinite && (0...60_000).contains(r)) {
            throw fail("--assume-rtt expects a round trip in milliseconds, 0...60000, received \(r)")
        }
        if let d = csvDirectory, d.isEmpty { throw fail("--csv-dir expects a directory, received an empty string") }
        let nBatch = (m.column == .remoteBatched) ? m.batchSize : ((batch ?? 8) > 1 ? (batch ?? 8) : 8)
        return MonitorOptions(mode: m, batch: nBatch, concurrency: concurrency, threads: threads, serverURL: serverURL,
                              task: tk, population: population, seed: seed, theme: theme, refreshMillis: refreshMillis,
                              headless: headless, csvEverySeconds: csvEverySeconds, csvDirectory: csvDirectory ?? ".",
                              logFile: logFile, assumedRTTMillis: assumeRTT.flatMap { $0 > 0 ? $0 : nil })
    }
}
