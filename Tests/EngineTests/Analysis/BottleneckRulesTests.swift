import Engine
import Testing

@Suite struct BottleneckRulesTests {
    /// A remote batch-1 mode's figures: `requests` answered, a breakdown with these means (µs), and these threads.
    static func remote(batch: Int = 1, wire: Double, server: (decode: Double, queue: Double, compute: Double, encode: Double) = (2, 0, 1, 1),
                       client: Double = 2, threads: [ModeLoad.Thread]? = nil, serverObserved: Bool = true) -> ModeFigures {
        var f = ModeFigures(mode: .remote(batch: batch), inference: LatencySummary(count: 100, p50: 0, p95: 0, p99: 0, max: 0, mean: 0),
                            requests: 100, activeSeconds: 10)
        let parts: [BreakdownPart: Double] = [.clientEncode: client / 2, .wire: wire, .serverDecode: server.decode, .serverQueue: server.queue,
                                              .serverCompute: server.compute, .serverEncode: server.encode, .clientDecode: client / 2]
        let total = parts.values.reduce(0, +)
        f.breakdown = BreakdownFigures(requests: 100, meanRoundTripMicros: total, parts: BreakdownPart.allCases.map {
            LatencySummary(count: 100, p50: parts[$0]!, p95: parts[$0]!, p99: parts[$0]!, max: parts[$0]!, mean: parts[$0]!) })
        f.requestLatency = LatencySummary(count: 100, p50: total, p95: total, p99: total, max: total, mean: total)
        if let threads { f.load = ModeLoad(seconds: 10, threads: threads, serverObserved: serverObserved) }
        return f
    }

    static func thread(_ p: ProcessRole, _ name: String, _ cpu: Double, wait: Double = 0) -> ModeLoad.Thread {
        ModeLoad.Thread(process: p, name: name, cpuPercent: cpu, waitPercent: wait)
    }

    @Test func aBusyClientBesideAnIdleServerIsClientBound() throws {
        let f = Self.remote(wire: 560, server: (20, 1, 10, 7), client: 12,
                            threads: [Self.thread(.dashboard, "neat-eval-0", 70, wait: 27), Self.thread(.dashboard, "neat-eval-1", 60),
                                      Self.thread(.server, "NIO-ELT-0-#0", 24)])
        let v = try #require(f.bottleneck)
        #expect(v.kind == .clientBound)
        #expect(v.line(label: "Remote b1") == "Remote b1: client-bound — dashboard neat-eval-0 busy 97% of a core, server 24%, server time 38 µs of a 610 µs round trip")
    }

    @Test func aBusyClientBesideABusyServerIsNotClientBound() throws {
        let f = Self.remote(wire: 560, threads: [Self.thread(.dashboard, "neat-eval-0", 95), Self.thread(.server, "NIO-ELT-0-#0", 70)])
        #expect(f.bottleneck?.kind == .balanced)
    }

    @Test func aServerThreadNearACoreIsServerBound() throws {
        let f = Self.remote(wire: 300, threads: [Self.thread(.dashboard, "neat-eval-0", 95), Self.thread(.server, "NIO-ELT-0-#1", 80, wait: 10)])
        let v = try #require(f.bottleneck)
        #expect(v.kind == .serverBound)
        #expect(v.evidence.first == "server NIO-ELT-0-#1 busy 90% of a core")
        // Running less, but its server spending a tenth of the round trip (a slow model queueing requests).
        let slow = Self.remote(wire: 3_000, server: (5, 5, 500, 5), threads: [Self.thread(.server, "NIO-ELT-0-#1", 48, wait: 43)])
        #expect(slow.bottleneck?.kind == .serverBound)
    }

    /// An event loop woken for every tiny request on a loaded machine: it waits for a core often, runs half of one, and is not the limit.
    @Test func aContendedEventLoopWithLittleServerTimeIsNotServerBound() {
        let f = Self.remote(wire: 57, server: (1, 0, 1, 1), client: 2,
                            threads: [Self.thread(.server, "NIO-ELT-1-#2", 51, wait: 36), Self.thread(.dashboard, "neat-eval-0", 30, wait: 6)])
        #expect(f.bottleneck?.kind == .clientBound)
    }

    @Test func serverTimeDominatingTheRoundTripIsServerBound() throws {
        // A slow model: 500 µs of compute in a 620 µs round trip, the server's threads unobserved (an external server).
        let f = Self.remote(wire: 100, server: (5, 5, 500, 5), threads: [Self.thread(.dashboard, "neat-eval-0", 20)], serverObserved: false)
        let v = try #require(f.bottleneck)
        #expect(v.kind == .serverBound)
        #expect(v.line(label: "Remote b8") == "Remote b8: server-bound — server time 515 µs of a 617 µs round trip, queue 5.0 µs, compute 500 µs, server threads not observed")
    }

    @Test func aQueueDominatingIsServerBound() {
        let f = Self.remote(wire: 200, server: (5, 400, 5, 5))
        #expect(f.bottleneck?.kind == .serverBound)
    }

    @Test func wireTimeWithIdleThreadsIsNetworkBound() throws {
        let f = Self.remote(wire: 5_000, threads: [Self.thread(.dashboard, "neat-eval-0", 12), Self.thread(.server, "NIO-ELT-0-#0", 3)])
        let v = try #require(f.bottleneck)
        #expect(v.kind == .networkBound)
        #expect(v.line(label: "Remote b1") == "Remote b1: network-bound — wire 5.00 ms of a 5.01 ms round trip, dashboard neat-eval-0 busy 12%, server 3%")
    }

    @Test func wireTimeWithABusyClientIsClientBoundNotNetworkBound() {
        let f = Self.remote(wire: 5_000, threads: [Self.thread(.dashboard, "neat-eval-0", 99), Self.thread(.server, "NIO-ELT-0-#0", 3)])
        #expect(f.bottleneck?.kind == .clientBound)
    }

    @Test func nothingDominatingIsNoSingleBottleneck() {
        // Wire 46% and server 39% of the round trip; the server runs 60% of a core (not idle), nothing wants a whole core.
        let f = Self.remote(wire: 260, server: (10, 0, 200, 10), client: 80,
                            threads: [Self.thread(.dashboard, "neat-eval-0", 40), Self.thread(.server, "NIO-ELT-0-#0", 60)])
        #expect(f.bottleneck?.kind == .balanced)
    }

    /// One request in flight on loopback: nobody near a core, the server idle, and the round trip short with no network in it.
    @Test func aShortRoundTripBesideAnIdleServerIsClientBound() throws {
        // The server waits for a core much of the time on a loaded machine (61%), but runs only 20%: it idles.
        let f = Self.remote(wire: 45, server: (2, 0, 1, 3), client: 2,
                            threads: [Self.thread(.dashboard, "neat-eval-0", 30, wait: 6), Self.thread(.server, "NIO-ELT-0-#0", 20, wait: 61)])
        let v = try #require(f.bottleneck)
        #expect(v.line(label: "Remote b1") == "Remote b1: client-bound — round trip 53 µs with no network in it (wire 45 µs), server time 6.0 µs, server 20%, dashboard neat-eval-0 busy 36%")
        // The same with a server thread wanting a whole core: the server.
        let busyServer = Self.remote(wire: 45, server: (2, 0, 1, 3), client: 2,
                                     threads: [Self.thread(.dashboard, "neat-eval-0", 30), Self.thread(.server, "NIO-ELT-0-#0", 80, wait: 15)])
        #expect(busyServer.bottleneck?.kind == .serverBound)
        // Without thread figures the breakdown alone says it: short wire, little server time.
        #expect(Self.remote(wire: 45, server: (2, 0, 1, 3), client: 2).bottleneck?.kind == .clientBound)
    }

    @Test func aRemoteModeWithoutRequestsOrFiguresHasNoVerdict() {
        #expect(ModeFigures(mode: .remote(batch: 1)).bottleneck == nil)
        var f = ModeFigures(mode: .remote(batch: 1), inference: LatencySummary(count: 5, p50: 1, p95: 1, p99: 1, max: 1, mean: 1))
        #expect(f.bottleneck == nil)   // neither a breakdown nor threads
        f.load = ModeLoad(seconds: 1, threads: [Self.thread(.dashboard, "neat-eval-0", 99)], serverObserved: false)
        #expect(f.bottleneck?.kind == .clientBound)
    }

    static func cpu(inferenceMean: Double, tick: Double, workers: [Double]) -> ModeFigures {
        var f = ModeFigures(mode: .cpu, inference: LatencySummary(count: 1000, p50: 0, p95: 0, p99: 0, max: 0, mean: inferenceMean),
                            activeSeconds: 10, meanTickMicros: tick)
        f.load = ModeLoad(seconds: 10, threads: workers.enumerated().map { Self.thread(.dashboard, "neat-eval-\($0.offset)", $0.element) }
                          + [Self.thread(.dashboard, "neat-train", 3)], serverObserved: false)
        return f
    }

    @Test func cpuOnlyNamesTheLargerShareOfATick() throws {
        let sim = try #require(Self.cpu(inferenceMean: 14, tick: 42, workers: [97, 95]).bottleneck)
        #expect(sim.line(label: "CPU-only") == "CPU-only: CPU-bound — game simulation 67% of a tick, inference 33%, 2 workers busy 96% of a core on average")
        let inf = try #require(Self.cpu(inferenceMean: 30, tick: 40, workers: [99]).bottleneck)
        #expect(inf.line(label: "CPU-only") == "CPU-only: CPU-bound — inference 75% of a tick, game simulation 25%, neat-eval-0 busy 99% of a core")
    }

    @Test func cpuOnlyWithABusyMainThreadNamesIt() throws {
        var f = Self.cpu(inferenceMean: 14, tick: 42, workers: [14])
        f.load!.threads.append(Self.thread(.dashboard, "dashboard", 95))
        f.load = ModeLoad(seconds: 10, threads: f.load!.threads, serverObserved: false)
        let v = try #require(f.bottleneck)
        #expect(v.line(label: "CPU-only") == "CPU-only: CPU-bound — dashboard busy 95% of a core, workers 14%, game simulation 67% of a tick, inference 33%")
    }

    @Test func cpuOnlyWithIdleWorkersIsNoSingleBottleneck() {
        #expect(Self.cpu(inferenceMean: 14, tick: 42, workers: [20, 25]).bottleneck?.kind == .balanced)
    }

    @Test func fastRSSGrowthIsMemoryBoundWhateverTheMode() throws {
        var f = Self.cpu(inferenceMean: 14, tick: 42, workers: [97])
        f.load!.rssFirstBytes = 100 << 20
        f.load!.rssLastBytes = 300 << 20
        f.load!.rssSeconds = 10
        let v = try #require(f.bottleneck)
        #expect(v.kind == .memoryBound)
        #expect(v.evidence == ["RSS growing 20 MiB/s (100 MiB to 300 MiB in 10 s)"])
        // Growth too small in all, or over too short a time: not memory-bound.
        f.load!.rssLastBytes = 150 << 20
        #expect(f.bottleneck?.kind == .cpuBound)
        f.load!.rssLastBytes = 300 << 20
        f.load!.rssSeconds = 2
        f.load!.seconds = 2
        #expect(f.bottleneck?.kind == .cpuBound)
    }

    @Test func manyFreshPagesAreMemoryBound() throws {
        var f = Self.remote(wire: 5_000, threads: [Self.thread(.dashboard, "neat-eval-0", 12)])
        f.load!.minorFaults = 1_000_000   // 100,000/s over 10 s
        let v = try #require(f.bottleneck)
        #expect(v.kind == .memoryBound)
        #expect(v.evidence == ["100000 fresh pages/s (minor faults, 391 MiB/s)"])
        f.load!.minorFaults = 100_000
        #expect(f.bottleneck?.kind == .networkBound)
    }

    @Test func busyMeansRunningOrWaitingForACore() {
        let t = Self.thread(.dashboard, "neat-eval-0", 60, wait: 30)
        #expect(t.busyPercent == 90)
        let load = ModeLoad(seconds: 1, threads: [Self.thread(.server, "a", 10), t, Self.thread(.server, "b", 50)], serverObserved: true)
        #expect(load.threads.map(\.name) == ["neat-eval-0", "b", "a"])
        #expect(load.busiest(.server)?.name == "b")
        #expect(load.serverBusyPercent == 60)
    }
}
