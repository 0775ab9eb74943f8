#if canImport(Glibc)
import Glibc
#endif
import Engine

/// Reads per-thread CPU and RSS of this process and an optional child from /proc,
/// computing CPU percent the way htop does: (utime + stime) delta over the
/// elapsed clock ticks (`sysconf(_SC_CLK_TCK)` per second) between two samples.
///
/// Owned by the UI thread (not Sendable by design: it keeps the previous sample).
public final class ProcSampler {
    /// The /proc tree read (tests point it at fixtures).
    public var procRoot: String
    private let pid: Int32
    private let ticksPerSecond: Double
    private let pageSize: UInt64
    private let clock: any NanoClock
    /// Per thread (pid << 32 | tid): CPU ticks, minor faults and run-queue wait (ns) at the last sample.
    private var previous: [Int64: Counters] = [:]
    private struct Counters { var ticks: UInt64; var faults: UInt64; var waitNanos: UInt64 }
    private var previousAt: UInt64?
    private var readBuffer = [UInt8](repeating: 0, count: 8192)
    /// Whole names this process gave its threads (the engine's registry), for names /proc cut at 15 bytes.
    private let namesSet: () -> [Int32: String]

    /// - Parameters:
    ///   - procRoot: "/proc", or a fixture tree in tests.
    ///   - pid: the process to watch (default: this one).
    public init(procRoot: String = "/proc", pid: Int32 = getpid(), ticksPerSecond: Double? = nil,
                pageSize: UInt64? = nil, clock: any NanoClock = SystemClock(),
                namesSet: @escaping () -> [Int32: String] = CurrentThread.namesSet) {
        self.namesSet = namesSet
        self.procRoot = procRoot
        self.pid = pid
        self.ticksPerSecond = ticksPerSecond ?? Double(Swift.max(1, sysconf(Int32(_SC_CLK_TCK))))
        self.pageSize = pageSize ?? UInt64(Swift.max(1, sysconf(Int32(_SC_PAGESIZE))))
        self.clock = clock
    }

    /// Samples both processes. The first call has no interval yet and reports 0% CPU.
    public func sample(childPID: Int32?) -> SystemSample {
        let now = clock.nanoseconds()
        let elapsed = previousAt.map { Double(now &- $0) / 1e9 } ?? 0
        var current: [Int64: Counters] = [:]
        current.reserveCapacity(previous.count + 8)
        var threads: [ThreadCPU] = []
        var out = SystemSample()
        var totalDeltaTicks: UInt64 = 0
        var faults: UInt64 = 0
        let ownNames = namesSet()

        func collect(_ p: Int32, role: ProcessRole) -> Double? {
            guard let tasks = listTasks(p) else { return nil }
            var processDelta: UInt64 = 0
            for tid in tasks {
                let base = "\(procRoot)/\(p)/task/\(tid)"
                guard let statText = read(base + "/stat"), let st = try? ProcParser.taskStat(statText) else { continue }
                let comm = read(base + "/comm").map(ProcParser.comm) ?? st.comm
                let name = p == pid ? ThreadNames.resolve(comm: comm, tid: tid, registered: ownNames)
                    : ThreadNames.resolve(comm: comm, tid: tid, registered: [:])
                let key = Int64(p) << 32 | Int64(tid)
                let now = Counters(ticks: st.totalTicks, faults: st.minorFaults,
                                   waitNanos: read(base + "/schedstat").flatMap(ProcParser.schedstatWait) ?? 0)
                current[key] = now
                var delta: UInt64 = 0, waited: UInt64 = 0
                if previousAt != nil {
                    // A thread born since the last sample used all its ticks inside the interval.
                    let before = previous[key] ?? Counters(ticks: 0, faults: 0, waitNanos: 0)
                    delta = now.ticks >= before.ticks ? now.ticks - before.ticks : 0
                    waited = now.waitNanos >= before.waitNanos ? now.waitNanos - before.waitNanos : 0
                    faults += now.faults >= before.faults ? now.faults - before.faults : 0
                }
                processDelta += delta
                let pct = ThreadCPUMath.percent(deltaTicks: delta, elapsedSeconds: elapsed, ticksPerSecond: ticksPerSecond)
                let wait = elapsed > 0 ? Swift.min(100, Double(waited) / 1e7 / elapsed) : 0
                threads.append(ThreadCPU(process: role, pid: p, tid: tid, name: name, cpuPercent: pct, waitPercent: wait))
            }
            totalDeltaTicks += processDelta
            return ThreadCPUMath.percent(deltaTicks: processDelta, elapsedSeconds: elapsed, ticksPerSecond: ticksPerSecond)
        }

        out.dashboardCPUPercent = collect(pid, role: .dashboard) ?? 0
        out.dashboardRSS = rss(pid)
        if let c = childPID {
            out.serverCPUPercent = collect(c, role: .server)
            out.serverRSS = rss(c)
        }
        out.threads = ThreadCPUMath.sorted(threads)
        out.cpuSecondsDelta = Double(totalDeltaTicks) / ticksPerSecond
        out.intervalSeconds = elapsed
        out.minorFaultsDelta = faults
        previous = current
        previousAt = now
        return out
    }

    private func rss(_ p: Int32) -> UInt64? {
        if let s = read("\(procRoot)/\(p)/status"), let v = ProcParser.statusRSS(s) { return v }
        if let s = read("\(procRoot)/\(p)/statm") { return ProcParser.statmRSS(s, pageSize: pageSize) }
        return nil
    }

    private func listTasks(_ p: Int32) -> [Int32]? {
        guard let dir = opendir("\(procRoot)/\(p)/task") else { return nil }
        defer { closedir(dir) }
        var tids: [Int32] = []
        while let ent = readdir(dir) {
            let name = withUnsafePointer(to: &ent.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if let t = Int32(name) { tids.append(t) }
        }
        tids.sort()
        return tids
    }

    /// Reads a small file with plain syscalls (no Foundation, one reused buffer).
    private func read(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var total = 0
        let cap = readBuffer.count
        let ok: Bool = readBuffer.withUnsafeMutableBytes { raw in
            while total < cap {
                let n = Glibc.read(fd, raw.baseAddress! + total, cap - total)
                if n < 0 { return false }
                if n == 0 { break }
                total += n
            }
            return true
        }
        guard ok else { return nil }
        return String(decoding: readBuffer[0..<total], as: UTF8.self)
    }
}

/// The arithmetic of per-thread CPU, separate so tests can check it exactly.
public enum ThreadCPUMath {
    /// Percent of one core: delta ticks / (elapsed seconds × ticks per second) × 100.
    public static func percent(deltaTicks: UInt64, elapsedSeconds: Double, ticksPerSecond: Double) -> Double {
        guard elapsedSeconds > 0, ticksPerSecond > 0 else { return 0 }
        return Double(deltaTicks) * 100 / (elapsedSeconds * ticksPerSecond)
    }

    /// Busiest first; ties by process (dashboard first) then thread id, so the order is stable.
    public static func sorted(_ t: [ThreadCPU]) -> [ThreadCPU] {
        t.sorted { a, b in
            if a.cpuPercent != b.cpuPercent { return a.cpuPercent > b.cpuPercent }
            if a.process != b.process { return a.process == .dashboard }
            return a.tid < b.tid
        }
    }
}
