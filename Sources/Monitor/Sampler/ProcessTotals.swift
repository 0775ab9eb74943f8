#if canImport(Glibc)
import Glibc
#endif

/// A process's running totals from /proc: CPU seconds since it started, memory,
/// start time, threads. What a metrics scrape reads, as opposed to `ProcSampler`'s
/// per-interval percentages for the screen.
///
/// Cumulative on purpose: Prometheus takes `rate(process_cpu_seconds_total[1m])`
/// itself, so any number of scrapers can read at any interval without sharing a
/// "previous sample". Reading keeps no state, so it is safe from any thread (the
/// metrics endpoint's event loop). A figure /proc does not give stays nil.
public struct ProcessTotals: Sendable, Equatable {
    /// User + system CPU time of every thread, live or ended, seconds.
    public var cpuSeconds: Double?
    public var residentBytes: UInt64?
    public var virtualBytes: UInt64?
    /// When the process started, seconds since the Unix epoch.
    public var startTimeSeconds: Double?
    public var threads: Int?

    public init(cpuSeconds: Double? = nil, residentBytes: UInt64? = nil, virtualBytes: UInt64? = nil,
                startTimeSeconds: Double? = nil, threads: Int? = nil) {
        self.cpuSeconds = cpuSeconds; self.residentBytes = residentBytes; self.virtualBytes = virtualBytes
        self.startTimeSeconds = startTimeSeconds; self.threads = threads
    }

    /// Reads `<procRoot>/<pid>/stat`, `<procRoot>/<pid>/status` and `<procRoot>/stat` (boot time).
    /// - Parameter pid: a process id, or "self".
    public static func read(procRoot: String = "/proc", pid: String = "self") -> ProcessTotals {
        let ticks = Double(Swift.max(1, sysconf(Int32(_SC_CLK_TCK))))
        return parse(stat: ProcFile.read("\(procRoot)/\(pid)/stat"), status: ProcFile.read("\(procRoot)/\(pid)/status"),
                     systemStat: ProcFile.read("\(procRoot)/stat"), ticksPerSecond: ticks)
    }

    /// The totals in the three files' contents (nil: the file could not be read).
    public static func parse(stat: String?, status: String?, systemStat: String?, ticksPerSecond: Double) -> ProcessTotals {
        var t = ProcessTotals()
        if let stat, let s = try? ProcParser.taskStat(stat) {
            t.cpuSeconds = Double(s.totalTicks) / ticksPerSecond
            if let start = startTicks(stat), let boot = systemStat.flatMap(bootTime) {
                t.startTimeSeconds = Double(boot) + Double(start) / ticksPerSecond
            }
        }
        if let status {
            t.residentBytes = ProcParser.statusRSS(status)
            t.virtualBytes = ProcParser.statusBytes(status, field: "VmSize")
            t.threads = field(status, "Threads").flatMap { Int($0) }
        }
        return t
    }

    /// Field 22 of a stat line, `starttime`: clock ticks after boot. Fields are counted
    /// after the last ')', since the name before it may hold spaces and parentheses.
    static func startTicks(_ stat: String) -> UInt64? {
        guard let close = stat.lastIndex(of: ")") else { return nil }
        let rest = stat[stat.index(after: close)...].split(separator: " ", omittingEmptySubsequences: true)
        // rest[0] is field 3 (state), so field 22 is rest[19].
        return rest.count > 19 ? UInt64(rest[19]) : nil
    }

    /// `btime` of /proc/stat: boot time, seconds since the epoch.
    static func bootTime(_ systemStat: String) -> UInt64? {
        for line in systemStat.split(separator: "\n") where line.hasPrefix("btime ") {
            return UInt64(String(line.dropFirst("btime ".count)).trimmingSpaces)
        }
        return nil
    }

    /// The text after `name:` on its line of a status file, trimmed.
    static func field(_ status: String, _ name: String) -> String? {
        let prefix = name + ":"
        for line in status.split(separator: "\n") where line.hasPrefix(prefix) {
            return String(line.dropFirst(prefix.count)).trimmingSpaces
        }
        return nil
    }
}

/// Whole files of /proc, read with plain syscalls into a buffer that grows: /proc
/// files report size 0, so readers that trust the size read nothing, and
/// /proc/stat's interrupt line makes it long on machines with many CPUs.
private enum ProcFile {
    static func read(_ path: String, limit: Int = 4 << 20) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 8192)
        var total = 0
        while true {
            if total == bytes.count {
                guard bytes.count < limit else { return nil }
                bytes += [UInt8](repeating: 0, count: bytes.count)
            }
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + total, $0.count - total) }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { break }
            total += n
        }
        return String(decoding: bytes[..<total], as: UTF8.self)
    }
}
