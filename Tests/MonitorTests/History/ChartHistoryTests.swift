import Engine
import Testing
@testable import Monitor

@Suite struct ChartHistoryTests {
    /// A snapshot at `seconds` with CPU-only figures: `calls` inference waits of `micros` each on top of `base`.
    func snapshot(at seconds: Double, mode: InferenceMode = .cpu, inference: LatencyDistribution, requests: UInt64,
                  vectors: UInt64, generations: [GenerationPoint] = []) -> MetricsSnapshot {
        var f = ModeFigures(mode: mode, requests: requests, vectors: vectors)
        f.inferenceDistribution = inference
        return MetricsSnapshot(takenAt: UInt64(seconds * 1e9), uptimeSeconds: seconds, currentMode: mode,
                               training: TrainingFigures(task: "duel"), modes: [f], recentGenerations: generations)
    }

    func point(_ i: Int, at seconds: Double, best: Double = 1, mode: InferenceMode = .cpu) -> GenerationPoint {
        GenerationPoint(index: i, generation: i, finishedAt: UInt64(seconds * 1e9), bestFitness: best, meanFitness: best / 2,
                        speciesCount: 4, championWinRate: 0.5, mode: mode)
    }

    /// Interval percentiles come from the later distribution minus the earlier; rates from the counters.
    @Test func intervalFiguresFromSuccessiveSnapshots() {
        let early = LatencyDistribution(values: [10_000], counts: [100])
        let later = LatencyDistribution(values: [10_000, 1_000_000], counts: [100, 100])
        var h = ChartHistory()
        h.ingest(snapshot(at: 10, inference: early, requests: 1_000, vectors: 8_000))
        h.ingest(snapshot(at: 10.5, inference: later, requests: 2_000, vectors: 16_000))
        let d = h.data(window: .oneMinute)
        // The interval's 100 calls all took 1 ms (the first 100 at 10 µs were before it).
        #expect(d.latest(.latency(0, .p50)) == 1000)
        #expect(d.latest(.latency(0, .p99)) == 1000)
        #expect(d.latest(.requestsPerSecond) == 2000)
        #expect(d.latest(.vectorsPerSecond) == 16_000)
        #expect(d.start == 10.5 - 60 && d.end == 10.5)
    }

    /// No calls in an interval (paused): no latency point there, and the line breaks.
    @Test func aPauseBreaksTheLatencyLine() {
        var h = ChartHistory()
        var dist = LatencyDistribution(values: [10_000], counts: [1])
        var requests: UInt64 = 0
        for i in 0..<60 {
            let paused = (20..<40).contains(i)
            if !paused {
                dist = dist.adding(LatencyDistribution(values: [10_000], counts: [10]))
                requests += 10
            }
            h.ingest(snapshot(at: 100 + Double(i), inference: dist, requests: requests, vectors: requests))
        }
        let points = h.data(window: .oneMinute).points(.latency(0, .p50))
        #expect(points.count == 39)   // 59 intervals, 20 of them without calls
        #expect(points.filter { !$0.connected }.count == 2)   // the first point, and the first after the pause
        #expect(points.first { !$0.connected && $0.x > 110 }?.x == 140.5)
        // The rates keep going (at zero) through the pause.
        #expect(h.data(window: .oneMinute).points(.requestsPerSecond).count == 59)
    }

    @Test func modeSwitchesAreMarked() {
        var h = ChartHistory()
        let d = LatencyDistribution(values: [10_000], counts: [1])
        h.ingest(snapshot(at: 1, inference: d, requests: 0, vectors: 0, generations: [point(0, at: 0.5)]))
        h.ingest(snapshot(at: 2, inference: d, requests: 0, vectors: 0))
        h.ingest(snapshot(at: 3, mode: .remote(batch: 8), inference: d, requests: 0, vectors: 0))
        h.ingest(snapshot(at: 4, mode: .remote(batch: 8), inference: d, requests: 0, vectors: 0))
        let data = h.data(window: .oneMinute)
        #expect(data.marks == [ModeSwitchMark(time: 3, mode: .remote(batch: 8), generation: 1)])
        #expect(data.modeAtStart == .cpu)
        #expect(ModeSwitchMark.shortLabel(.remote(batch: 8)) == "b8")
    }

    /// Overlapping snapshots add each generation once; the generation rate is generations over seconds between them.
    @Test func generationsOnceEachWithTheirRate() {
        var h = ChartHistory()
        let d = LatencyDistribution()
        h.ingest(snapshot(at: 1, inference: d, requests: 0, vectors: 0, generations: [point(0, at: 0.5)]))
        // Generation 2 was not seen (the ring moved on): the rate counts it.
        h.ingest(snapshot(at: 3, inference: d, requests: 0, vectors: 0,
                          generations: [point(0, at: 0.5), point(1, at: 1.5), point(3, at: 2.25, best: 5)]))
        let data = h.data(window: .oneMinute)
        #expect(data.points(.bestFitness).map(\.x) == [0, 1, 3])
        #expect(data.latest(.bestFitness) == 5)
        let rates = data.points(.generationsPerSecond).map(\.mean)
        #expect(rates.count == 2)
        #expect(abs(rates[0] - 1) < 1e-6)   // 1 generation in 1 s
        #expect(abs(rates[1] - 2 / 0.75) < 1e-5)   // 2 generations in 0.75 s
        #expect(data.latest(.winRate) == 0.5)
    }

    /// Each window reads the finest tier that still covers it.
    @Test func windowsUseTheFinestCoveringTier() {
        var h = ChartHistory()
        for i in 0..<(2 * 3600) {
            var s = HistorySample(time: Double(i))
            s[.requestsPerSecond] = Float(i % 100)
            h.record(s)
        }
        #expect(h.data(window: .oneMinute).bucketSeconds == 1)
        #expect(h.data(window: .fiveMinutes).bucketSeconds == 1)
        #expect(h.data(window: .fifteenMinutes).bucketSeconds == 1)
        #expect(h.data(window: .oneHour).bucketSeconds == 10)
        let all = h.data(window: .wholeRun)
        #expect(all.bucketSeconds == 60)
        #expect(all.start == 0)
        #expect(all.points(.requestsPerSecond).count == 120)
        #expect(abs(all.points(.requestsPerSecond)[0].mean - 29.5) < 1e-3)   // mean of 0…59
        #expect(all.points(.requestsPerSecond)[0].max == 59)
        let hour = h.data(window: .oneHour).points(.requestsPerSecond)
        #expect(hour.count == 360 || hour.count == 361)
    }

    /// A day costs what an hour costs: the storage is fixed, and the whole-run tier coarsens instead of growing.
    @Test func memoryIsBoundedWhateverTheRunLength() {
        #expect(ChartHistory.storageBytes == 603_648)
        var day = ChartHistory()
        HistoryPrefill.fill(&day, seconds: 86_400, endingAt: 1_000_000)
        let tiers = day.tiers
        #expect(tiers[0].count == 960 && tiers[1].count == 384)
        #expect(tiers[2].count <= 1024 && tiers[2].width == 120)
        let whole = day.data(window: .wholeRun)
        #expect(abs(whole.start - (1_000_000 - 86_400)) < 1)
        #expect((720...721).contains(whole.points(.requestsPerSecond).count))   // 120 s buckets, not aligned to the start
        #expect(whole.points(.bestFitness).count > 500)
        #expect(whole.marks.count == 71)   // a switch every 20 minutes
    }
}

@Suite struct HistoryTierTests {
    func sample(_ t: Double, _ v: Float) -> HistorySample {
        var s = HistorySample(time: t)
        s[.requestsPerSecond] = v
        return s
    }

    @Test func rollingTierDropsTheOldest() {
        var tier = HistoryTier(width: 1, capacity: 4, compacts: false)
        for i in 0..<6 { tier.add(sample(Double(i) + 0.5, Float(i))) }
        #expect(tier.count == 4)
        #expect(tier.start(0) == 2 && tier.start(3) == 5)
        #expect(tier.stat(0, HistorySeries.requestsPerSecond.index).mean == 2)
    }

    @Test func samplesOfOneBucketAreMerged() {
        var tier = HistoryTier(width: 10, capacity: 4, compacts: false)
        for (t, v) in [(1.0, 2.0), (4.0, 6.0), (9.0, 1.0)] as [(Double, Float)] { tier.add(sample(t, v)) }
        // A slightly late sample goes back to its bucket.
        tier.add(sample(12, 5))
        tier.add(sample(8, 3))
        let st = tier.stat(0, HistorySeries.requestsPerSecond.index)
        #expect(tier.count == 2)
        #expect(st.count == 4 && st.min == 1 && st.max == 6 && st.mean == 3)
    }

    @Test func compactingTierDoublesItsWidthAndKeepsEverything() {
        var tier = HistoryTier(width: 1, capacity: 4, compacts: true)
        for i in 0..<9 { tier.add(sample(Double(i), Float(i))) }
        // 0…8 in 4 buckets: width 1 → 2 → 4: [0-3], [4-7], [8].
        #expect(tier.width == 4)
        #expect(tier.count == 3)
        let s = HistorySeries.requestsPerSecond.index
        #expect(tier.stat(0, s) == SeriesStat(min: 0, max: 3, mean: 1.5, count: 4))
        #expect(tier.stat(1, s) == SeriesStat(min: 4, max: 7, mean: 5.5, count: 4))
        #expect(tier.stat(2, s) == SeriesStat(min: 8, max: 8, mean: 8, count: 1))
    }

    @Test func negativeTimesCompactToo() {
        var tier = HistoryTier(width: 1, capacity: 2, compacts: true)
        for t in [-3.0, -2, -1] { tier.add(sample(t, 1)) }
        #expect(tier.width == 2)
        #expect(tier.start(0) == -4 && tier.start(1) == -2)
    }
}

@Suite struct HistoryPrefillTests {
    @Test func environment() throws {
        #expect(try HistoryPrefill.seconds(from: [:]).get() == nil)
        #expect(try HistoryPrefill.seconds(from: ["DASHBOARD_PREFILL_HISTORY": "86400"]).get() == 86_400)
        for bad in ["0", "-5", "day", "1e9", "nan"] {
            guard case .failure(let e) = HistoryPrefill.seconds(from: ["DASHBOARD_PREFILL_HISTORY": bad]) else {
                Issue.record("accepted \(bad)"); continue
            }
            #expect(e.description == "DASHBOARD_PREFILL_HISTORY expects seconds 1...2592000, received \"\(bad)\"; no history simulated")
        }
    }

    @Test func sameSeedSameHistory() {
        var a = ChartHistory(), b = ChartHistory()
        HistoryPrefill.fill(&a, seconds: 3600, endingAt: 5000)
        HistoryPrefill.fill(&b, seconds: 3600, endingAt: 5000)
        #expect(a.data(window: .wholeRun) == b.data(window: .wholeRun))
        #expect(a.data(window: .oneHour).marks.map(\.mode) == [.remote(batch: 1), .remote(batch: 8)])
    }
}
