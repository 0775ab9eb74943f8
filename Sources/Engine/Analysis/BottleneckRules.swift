/// The rules that turn a mode's figures into a `Bottleneck`, with their thresholds.
///
/// Pure: the same figures give the same verdict, so each rule is tested on
/// figures built by hand. A thread *wants a core* for the time it runs or waits
/// for one (`ModeLoad.Thread.busyPercent`): on a shared machine a thread that
/// needs a whole core may run only part of the time and wait the rest. A thread
/// *idles* when it runs (`cpuPercent`) less than `idlePercent`: waiting for a
/// core is not work.
///
/// In order, the first that holds wins:
/// 1. **memory-bound**: over at least `memoryMinimumSeconds`, RSS grew faster than
///    `rssGrowthBytesPerSecond` (and by `rssGrowthMinimumBytes` in all), or minor
///    page faults (fresh pages from the kernel) came faster than `minorFaultsPerSecond`.
/// 2. remote, **server-bound**: a server thread busy ≥ `nearCorePercent` that runs ≥
///    `saturatedRunningPercent` or whose server spends ≥ `serverShareFloor` of the round trip,
///    or the server's time (decode + queue + compute + encode) ≥ `dominantShare` of the mean round trip.
/// 3. remote, **client-bound**: a dashboard thread busy ≥ `nearCorePercent` while the server
///    idles (every server thread), or the round trip holds no network: its wire part is below
///    `networkFloorMicros` (what loopback transport and the event loops' wake-ups cost) and,
///    rule 2 having failed, the server is not the limit, so the time goes to the client's own
///    sending and waiting, one round of requests in flight after another.
/// 4. remote, **network-bound**: the wire part ≥ `dominantShare` of the round trip and ≥
///    `networkFloorMicros`, and no dashboard thread busy ≥ `nearCorePercent`.
/// 5. CPU-only, **CPU-bound**: a dashboard thread busy ≥ `idlePercent`; the evidence names
///    the larger share of a tick (inference wait / tick time, or the game simulation) and
///    the busiest thread (a worker, or the thread running the generation's serial work).
/// 6. otherwise **no single bottleneck**, with the figures.
///
/// No verdict (nil) until the mode made inference calls; a remote mode needs the
/// server's timing (the breakdown) or thread figures.
public struct BottleneckRules: Sendable, Equatable {
    public var nearCorePercent = 85.0
    /// A server thread near a core counts only when it runs at least this much, or the server's
    /// own time is at least `serverShareFloor` of the round trip: an event loop that wakes for
    /// every tiny request waits for a core often on a loaded machine without being the limit.
    public var saturatedRunningPercent = 75.0
    public var serverShareFloor = 0.1
    public var idlePercent = 50.0
    public var dominantShare = 0.5
    /// Wire time per request below which the round trip holds no network (loopback costs tens of µs).
    public var networkFloorMicros = 250.0
    public var rssGrowthBytesPerSecond = 8.0 * 1_048_576
    public var rssGrowthMinimumBytes: UInt64 = 64 * 1_048_576
    public var minorFaultsPerSecond = 50_000.0
    public var memoryMinimumSeconds = 5.0

    public init() {}

    public static let standard = BottleneckRules()

    /// The verdict on `f`, or nil when too little was measured.
    public func verdict(for f: ModeFigures) -> Bottleneck? {
        guard f.inference.count > 0 || (f.requestLatency?.count ?? 0) > 0 else { return nil }
        if let m = memory(f.load) { return m }
        switch f.mode {
        case .cpu: return cpu(f)
        case .remote: return remote(f)
        }
    }

    func memory(_ load: ModeLoad?) -> Bottleneck? {
        guard let l = load, l.seconds >= memoryMinimumSeconds else { return nil }
        let grew = l.rssLastBytes > l.rssFirstBytes ? l.rssLastBytes - l.rssFirstBytes : 0
        if l.rssSeconds >= memoryMinimumSeconds, l.rssGrowthBytesPerSecond >= rssGrowthBytesPerSecond, grew >= rssGrowthMinimumBytes {
            return Bottleneck(kind: .memoryBound, evidence: [
                "RSS growing \(Self.mib(l.rssGrowthBytesPerSecond))/s (\(Self.mib(Double(l.rssFirstBytes))) to \(Self.mib(Double(l.rssLastBytes))) in \(Self.number(l.rssSeconds)) s)"])
        }
        if l.minorFaultsPerSecond >= minorFaultsPerSecond {
            return Bottleneck(kind: .memoryBound, evidence: [
                "\(Self.number(l.minorFaultsPerSecond)) fresh pages/s (minor faults, \(Self.mib(l.minorFaultsPerSecond * 4096))/s)"])
        }
        return nil
    }

    func remote(_ f: ModeFigures) -> Bottleneck? {
        let load = f.load
        let client = load?.busiest(.dashboard)
        let server = load?.busiest(.server)
        let b = f.breakdown.flatMap { $0.requests > 0 && $0.meanRoundTripMicros > 0 ? $0 : nil }
        guard b != nil || client != nil else { return nil }
        let serverShare = b.map { $0.serverMeanMicros / $0.meanRoundTripMicros } ?? 0
        let wire = b.map { $0[.wire].mean } ?? 0
        let wireShare = b.map { wire / $0.meanRoundTripMicros } ?? 0
        let serverTime = b.map { "server time \(Self.micros($0.serverMeanMicros)) of a \(Self.micros($0.meanRoundTripMicros)) round trip" }
        // The server's work: what its busiest thread runs (waiting for a core is not work).
        let serverRuns = load?.threads.filter { $0.process == .server }.map(\.cpuPercent).max() ?? 0
        let serverCPU = load.map { $0.serverObserved ? "server \(Self.percent(serverRuns))" : "server threads not observed" }
        let clientBusy = client.map { "dashboard \($0.name) busy \(Self.percent($0.busyPercent))" }

        if let s = server, s.busyPercent >= nearCorePercent, s.cpuPercent >= saturatedRunningPercent || serverShare >= serverShareFloor {
            return Bottleneck(kind: .serverBound, evidence: ["server \(s.name) busy \(Self.percent(s.busyPercent)) of a core"] + [serverTime].compactMap { $0 })
        }
        if let b, serverShare >= dominantShare {
            return Bottleneck(kind: .serverBound, evidence: [serverTime!, "queue \(Self.micros(b[.serverQueue].mean)), compute \(Self.micros(b[.serverCompute].mean))"]
                              + [serverCPU].compactMap { $0 })
        }
        // Without thread figures nothing is known to idle.
        let serverIdles = load.map { l in l.threads.allSatisfy { $0.process != .server || $0.cpuPercent < idlePercent } } ?? false
        if let c = client, c.busyPercent >= nearCorePercent, serverIdles {
            return Bottleneck(kind: .clientBound, evidence: ["dashboard \(c.name) busy \(Self.percent(c.busyPercent)) of a core"]
                              + [serverCPU, serverTime].compactMap { $0 })
        }
        // Neither server rule held, so the server is not the limit; with no network in the round trip, the client's own pace is.
        if let b, wire < networkFloorMicros {
            return Bottleneck(kind: .clientBound, evidence: [
                "round trip \(Self.micros(b.meanRoundTripMicros)) with no network in it (wire \(Self.micros(wire)))",
                "server time \(Self.micros(b.serverMeanMicros))"] + [serverCPU, clientBusy].compactMap { $0 })
        }
        if let b, wireShare >= dominantShare, wire >= networkFloorMicros, (client?.busyPercent ?? 0) < nearCorePercent {
            return Bottleneck(kind: .networkBound, evidence: ["wire \(Self.micros(wire)) of a \(Self.micros(b.meanRoundTripMicros)) round trip"]
                              + [clientBusy, serverCPU].compactMap { $0 })
        }
        return Bottleneck(kind: .balanced, evidence: [clientBusy, serverCPU, serverTime, b.map { _ in "wire \(Self.micros(wire))" }].compactMap { $0 })
    }

    func cpu(_ f: ModeFigures) -> Bottleneck? {
        let workers = f.load?.threads.filter { $0.process == .dashboard && $0.name.hasPrefix("neat-eval") } ?? []
        let share = f.meanTickMicros > 0 ? Swift.min(1, Swift.max(0, f.inference.mean / f.meanTickMicros)) : nil
        let split = share.map { s in
            s >= 0.5 ? "inference \(Self.percent(s * 100)) of a tick, game simulation \(Self.percent((1 - s) * 100))"
                     : "game simulation \(Self.percent((1 - s) * 100)) of a tick, inference \(Self.percent(s * 100))"
        }
        guard let busiest = f.load?.busiest(.dashboard) else {
            return split.map { Bottleneck(kind: .cpuBound, evidence: [$0, "threads not observed"]) }
        }
        let mean = workers.isEmpty ? 0 : workers.reduce(0) { $0 + $1.busyPercent } / Double(workers.count)
        let who: String
        if busiest.name.hasPrefix("neat-eval") {
            who = workers.count > 1 ? "\(workers.count) workers busy \(Self.percent(mean)) of a core on average"
                                    : "\(busiest.name) busy \(Self.percent(busiest.busyPercent)) of a core"
        } else {
            // Not a worker: the generation's serial work (reproduction, speciation) or something else of the process.
            who = "\(busiest.name) busy \(Self.percent(busiest.busyPercent)) of a core, workers \(Self.percent(mean))"
        }
        if busiest.busyPercent >= idlePercent {
            return Bottleneck(kind: .cpuBound, evidence: busiest.name.hasPrefix("neat-eval") ? [split, who].compactMap { $0 } : [who, split].compactMap { $0 })
        }
        return Bottleneck(kind: .balanced, evidence: [who, split].compactMap { $0 })
    }

    // MARK: - the figures' wording

    static func micros(_ us: Double) -> String {
        if us < 10 { return number(us, digits: 1) + " µs" }
        if us < 1000 { return number(us, digits: 0) + " µs" }
        return number(us / 1000, digits: us < 10_000 ? 2 : 1) + " ms"
    }

    static func percent(_ p: Double) -> String { number(p, digits: 0) + "%" }

    static func mib(_ bytes: Double) -> String { number(bytes / 1_048_576, digits: bytes < 10 * 1_048_576 ? 1 : 0) + " MiB" }

    /// `value` with `digits` decimals (no Foundation in the engine).
    static func number(_ value: Double, digits: Int = 0) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let n = Int64((Swift.abs(value) * scale).rounded())
        let whole = n / Int64(scale), frac = n % Int64(scale)
        var s = (value < 0 && n != 0 ? "-" : "") + String(whole)
        if digits > 0 {
            let f = String(frac)
            s += "." + String(repeating: "0", count: digits - f.count) + f
        }
        return s
    }
}

extension ModeFigures {
    /// The bottleneck verdict on these figures under the standard rules.
    public var bottleneck: Bottleneck? { BottleneckRules.standard.verdict(for: self) }
}
