import Engine
import Testing
@testable import Monitor

@Suite struct WhatIfNetworkTests {
    @Test func stepsGoThroughLoopbackToTwentyMilliseconds() {
        var r: Double? = nil
        var seen: [String] = []
        for _ in 0..<8 { r = WhatIfNetwork.step(up: r); seen.append(WhatIfNetwork.label(r)) }
        #expect(seen == ["0.2 ms", "0.5 ms", "1 ms", "2 ms", "5 ms", "20 ms", "20 ms", "20 ms"])
        for _ in 0..<5 { r = WhatIfNetwork.step(down: r) }
        #expect(r == 0.2)
        r = WhatIfNetwork.step(down: r)
        #expect(r == nil && WhatIfNetwork.label(r) == "loopback")
        #expect(WhatIfNetwork.step(down: nil) == nil)
        // A value from --assume-rtt between steps moves to the neighbouring steps.
        #expect(WhatIfNetwork.step(up: 3) == 5 && WhatIfNetwork.step(down: 3) == 2)
        #expect(WhatIfNetwork.step(up: 50) == 50)
        #expect(WhatIfNetwork.label(0.75) == "0.75 ms" && WhatIfNetwork.label(1.5) == "1.5 ms")
    }

    /// The same projection as `train --assume-rtt`: rates fall by the projected factor, latencies and the wire grow by the RTT.
    @Test func projectsARemoteModeAsTrainDoes() throws {
        var f = ModeFigures(mode: .remote(batch: 1), inference: LatencySummary(count: 4000, p50: 90, p95: 120, p99: 150, max: 400, mean: 100),
                            requests: 16_000, vectors: 16_000, activeSeconds: 10, generations: 20)
        f.requestLatency = LatencySummary(count: 16_000, p50: 80, p95: 100, p99: 140, max: 300, mean: 90)
        f.breakdown = BreakdownFigures(requests: 16_000, meanRoundTripMicros: 90, parts: BreakdownPart.allCases.map {
            LatencySummary(count: 16_000, p50: 0, p95: 0, p99: 0, max: 0, mean: $0 == .wire ? 80 : 10 / 6) })
        let n = WhatIfNetwork(rttMillis: 1, workers: 2, inFlight: 4)
        let p = try #require(n.project(f))
        let expected = try #require(NetworkProjection.project(ticks: 4000, requests: 16_000, generations: 20, generationsPerSecond: 2,
                                                              workers: 2, inFlight: 4, rttSeconds: 0.001))
        #expect(abs(p.generationsPerSecond - expected.generationsPerSecond) < 1e-9)
        #expect(abs(p.requestsPerSecond - expected.requestsPerSecond) < 1e-6)
        #expect(p.requestLatency?.p99 == 1_140)
        #expect(p.breakdown?[.wire].mean == 1_080)
        #expect(p.breakdown?.meanRoundTripMicros == 1_090)
        #expect(p.generations == 20 && p.requests == 16_000)
        // CPU-only is not projected; nor is a remote mode before its first generation.
        #expect(n.project(ModeFigures(mode: .cpu, requests: 1, activeSeconds: 1, generations: 1)) == nil)
        f.generations = 0
        #expect(n.project(f) == nil)
    }

    @Test func theMatrixScoresProjectedRemoteColumns() throws {
        let cpu = ModeFigures(mode: .cpu, inference: LatencySummary(count: 1000, p50: 10, p95: 20, p99: 30, max: 40, mean: 12),
                              requests: 1000, vectors: 1000, activeSeconds: 10, generations: 10)
        var remote = ModeFigures(mode: .remote(batch: 8), inference: LatencySummary(count: 1000, p50: 90, p95: 90, p99: 90, max: 90, mean: 90),
                                 requests: 1000, vectors: 8000, activeSeconds: 5, generations: 10)
        remote.requestLatency = LatencySummary(count: 1000, p50: 25, p95: 28, p99: 30, max: 40, mean: 26)
        let loopback = DecisionMatrix(figures: [cpu, remote])
        #expect(loopback.recommended == .remoteBatched)   // twice CPU's generations/s, same p99
        let far = DecisionMatrix(figures: [cpu, remote], network: WhatIfNetwork(rttMillis: 20, workers: 1, inFlight: 4))
        let col = try #require(far.columns.first { $0.column == .remoteBatched })
        #expect(col.isProjected)
        #expect(col.projected?.requestLatency?.p99 == 20_030)
        #expect(!(far.columns.first { $0.column == .cpu }!.isProjected))
        #expect(far.recommended == .cpu)
        #expect(loopback.columns.allSatisfy { !$0.isProjected })
    }
}
