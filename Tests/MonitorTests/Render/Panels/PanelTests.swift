import Engine
import Testing
@testable import Monitor

/// Each panel alone, from the fixed snapshot, compared with Fixtures/screens/panel-*.txt.
@Suite struct PanelTests {
    typealias Draw = (ScreenModel, inout CellBuffer, Rect) -> Void

    func panel(_ w: Int, _ h: Int, _ m: ScreenModel = Fixtures.model(), _ draw: Draw) -> CellBuffer {
        var b = CellBuffer(width: w, height: h)
        draw(m, &b, b.bounds)
        return b
    }

    func draw(_ p: PanelID, _ w: Int, _ h: Int, _ m: ScreenModel = Fixtures.model()) -> CellBuffer {
        panel(w, h, m) { m, b, r in p.panel.draw(m, into: &b, rect: r) }
    }

    @Test func header() throws {
        let b = panel(100, 4) { HeaderPanel.draw($0, into: &$1, rect: $2) }
        #expect(b.text.contains("Gen 42"))
        #expect(b.text.contains("62.5%"))
        #expect(b.text.contains("up 01:02:05"))
        #expect(b.text.contains("RUNNING"))
        try ScreenSnapshot.check(b, named: "panel-header")
    }

    /// The last checkpoint's generation and age, at the right end of the second line.
    @Test func headerShowsTheLastCheckpoint() {
        var snap = Fixtures.snapshot
        snap.takenAt = 5_000_000_000_000
        #expect(!panel(140, 4) { HeaderPanel.draw($0, into: &$1, rect: $2) }.text.contains("checkpoint"))
        snap.training.lastCheckpoint = CheckpointMark(generation: 40, at: snap.takenAt - 7_200_000_000)
        let t = panel(140, 4, Fixtures.model(snap)) { HeaderPanel.draw($0, into: &$1, rect: $2) }.text
        #expect(t.contains("checkpoint gen 40, 7s ago"))
        snap.training.lastCheckpoint = CheckpointMark(generation: 41, at: snap.takenAt - 3_725_000_000_000)
        #expect(panel(140, 4, Fixtures.model(snap)) { HeaderPanel.draw($0, into: &$1, rect: $2) }.text.contains("checkpoint gen 41, 01:02:05 ago"))
    }

    @Test func headerPausedAndSwitching() {
        var s = UIState(remoteAvailable: true)
        _ = s.handle(.remoteSingle, now: 0)
        _ = s.handle(.togglePause, now: 0)
        let t = panel(140, 4, Fixtures.model(state: s)) { HeaderPanel.draw($0, into: &$1, rect: $2) }.text
        #expect(t.contains("PAUSED"))
        #expect(t.contains("switching to Remote (batch 1) at the next tick batch"))
    }

    @Test func headerDuringAutoProbe() {
        var s = UIState(remoteAvailable: true, probePhaseSeconds: 10)
        _ = s.handle(.autoProbe, now: 0)
        _ = s.tick(now: 10_500_000_000)
        let t = panel(100, 4, Fixtures.model(state: s)) { HeaderPanel.draw($0, into: &$1, rect: $2) }.text
        #expect(t.contains("AUTO-PROBE 2/3 10s"))
    }

    @Test func latencyTableWideAndNarrow() throws {
        let wide = draw(.latencyTable, 100, 6)
        #expect(wide.text.contains("> CPU-only"))
        #expect(wide.text.contains("35µs"))
        #expect(wide.text.contains("match p50"))
        #expect(wide.text.contains("not measured yet"))
        try ScreenSnapshot.check(wide, named: "panel-latency")
        let narrow = draw(.latencyTable, 70, 6)
        #expect(!narrow.text.contains("match p50"))
        #expect(narrow.text.contains("match p99"))
        #expect(narrow.text.contains("15.5ms"))
    }

    /// A remote mode with per-request figures gets a "per request" line under its per-tick row.
    @Test func latencyShowsPerRequestUnderARemoteMode() {
        var remote = Fixtures.remoteSingleFigures
        remote.requestLatency = LatencySummary(count: 40_000, p50: 70, p95: 110, p99: 150, max: 900, mean: 80)
        var snap = Fixtures.snapshot
        snap.modes = [Fixtures.cpuFigures, remote]
        let t = panel(100, 8, Fixtures.model(snap)) { LatencyPanel.draw($0, into: &$1, rect: $2) }.text
        #expect(t.contains("tick p50"))
        let lines = t.split(separator: "\n")
        guard let i = lines.firstIndex(where: { $0.contains("Remote (batch 1)") }) else { Issue.record("no remote row"); return }
        #expect(lines[i].contains("310µs"))            // the per-tick wait
        #expect(lines[i + 1].contains("per request") && lines[i + 1].contains("70µs") && lines[i + 1].contains("150µs"))
        // Wide enough: columns of their own on the mode's row instead.
        let wide = panel(130, 7, Fixtures.model(snap)) { LatencyPanel.draw($0, into: &$1, rect: $2) }.text
        let wideLines = wide.split(separator: "\n")
        #expect(wideLines[1].contains("max   req p50 req p99"))
        guard let j = wideLines.firstIndex(where: { $0.contains("Remote (batch 1)") }) else { Issue.record("no remote row"); return }
        #expect(wideLines[j].contains("70µs") && wideLines[j].contains("150µs") && !wide.contains("per request"))
    }

    @Test func rates() throws {
        let b = draw(.rates, 50, 10)
        #expect(b.text.contains("2.0k"))   // 120000 vectors / 60 s
        try ScreenSnapshot.check(b, named: "panel-rates")
    }

    @Test func matrix() throws {
        let b = draw(.matrix, 50, 11)
        #expect(b.text.contains("Recommended: CPU-only"))
        #expect(b.text.contains("CPU-only: CPU-bound — game simulation 67% of a…"))
        #expect(b.text.contains("not measured yet: Remote b8"))
        try ScreenSnapshot.check(b, named: "panel-matrix")
    }

    /// CPU-only and a remote batch-1 column whose 300 µs round trip is split: client 30 + 15,
    /// wire 150, server 15 + 60 + 15 (no queue).
    static var snapshotWithARoundTripSplit: MetricsSnapshot {
        var remote = Fixtures.remoteSingleFigures
        remote.breakdown = BreakdownFigures(requests: 40_000, meanRoundTripMicros: 300, parts: BreakdownPart.allCases.map { p in
            let mean: Double = switch p { case .clientEncode: 30; case .wire: 150; case .serverCompute: 60; case .serverQueue: 0; default: 15 }
            return LatencySummary(count: 40_000, p50: mean, p95: mean, p99: mean * 2, max: mean * 3, mean: mean)
        })
        var snap = Fixtures.snapshot
        snap.modes = [Fixtures.cpuFigures, remote]
        return snap
    }

    /// A remote column with a measured split draws its round trip as a stacked bar, the legend below when there is room.
    @Test func matrixWithARoundTripBar() throws {
        let snap = Self.snapshotWithARoundTripSplit
        let b = draw(.matrix, 50, 13, Fixtures.model(snap))
        #expect(b.text.contains("Round trip"))
        #expect(b.text.contains(" c~~~~~sss"))
        // 150 µs of wire is what loopback costs, and the server works 90 of 300 µs: the client's pace.
        #expect(b.text.contains("Remote b1: client-bound — round trip 300 µs wi…"))
        #expect(b.text.contains("round trip: c client ~ wire q queue s server"))
        try ScreenSnapshot.check(b, named: "panel-matrix-round-trip")
    }

    /// With a what-if network the remote column is projected: marked *, its stars and bar from the projected figures.
    @Test func matrixWithAWhatIfNetwork() throws {
        let snap = Self.snapshotWithARoundTripSplit
        var state = UIState(remoteAvailable: true)
        for _ in 0..<4 { _ = state.handle(.rttUp, now: 0) }   // 0.2, 0.5, 1, 2 ms
        let measured = draw(.matrix, 50, 13, Fixtures.model(snap))
        let b = draw(.matrix, 50, 13, Fixtures.model(snap, state: state))
        #expect(b.text.contains("Decision matrix — * projected, 2 ms RTT"))
        #expect(b.text.contains("Rem b1*"))
        #expect(!measured.text.contains("b1*"))
        // The wire takes most of the projected bar (2,150 of 2,285 µs); throughput falls to 2 stars (0.125 of 0.5 generations/s).
        #expect(b.text.contains(" c~~~~~~~s"))
        #expect(b.text.contains("Weighted score     5.00/5    1.90/5"))
        #expect(measured.text.contains("Weighted score     5.00/5    2.20/5"))
        try ScreenSnapshot.check(b, named: "panel-matrix-what-if")
    }

    @Test func threadsGroupedByProcessWithIdleFolded() throws {
        let b = draw(.threads, 70, 12)
        let t = b.text
        #expect(t.contains("dashboard 187%, server 35%"))
        #expect(t.contains("▾ dashboard  pid 4242  CPU 187%  RSS 50.0 MiB  6 threads"))
        #expect(t.contains("▾ server  pid 5151  CPU 35%  RSS 10.0 MiB  2 threads"))
        #expect(t.contains("▸ 2 idle (0% over the last 5m; i shows them)"))
        #expect(t.contains("▸ 1 idle"))
        #expect(!t.contains("com.apple.root"))
        // neat-train used no CPU in this sample but did within the window: listed, not folded.
        #expect(t.contains("neat-train"))
        try ScreenSnapshot.check(b, named: "panel-threads")
    }

    @Test func threadsShowIdleAndSortByName() throws {
        var s = UIState(remoteAvailable: true)
        _ = s.handle(.toggleIdleThreads, now: 0)
        _ = s.handle(.nextThreadSort, now: 0)
        let b = draw(.threads, 80, 14, Fixtures.model(state: s))
        let lines = b.text.split(separator: "\n").map(String.init)
        #expect(lines[0].contains("by name"))
        let order = ["com.apple.root.default-qos ", "com.apple.root.default-qos.overcommit", "dashboard-ui", "neat-eval-0",
                     "neat-eval-1", "neat-train"]
        #expect(lines.compactMap { l in order.first { l.contains($0) } } == order)
        #expect(!b.text.contains("idle ("))
        try ScreenSnapshot.check(b, named: "panel-threads-all-by-name")
    }

    @Test func eventsKeepFileNames() throws {
        let b = draw(.events, 50, 5)
        #expect(b.text.contains("dashboard-20261127-050101-123.csv"))
        try ScreenSnapshot.check(b, named: "panel-events")
    }

    @Test func eventLineAndKeyLine() throws {
        let e = panel(100, 1) { EventLine.draw($0, into: &$1, rect: $2) }
        #expect(e.text == " event: snapshot written: /tmp/csv/dashboard-20261127-050101-123.csv\n")
        let k = panel(100, 1) { KeyLine.draw($0, into: &$1, rect: $2) }
        #expect(k.text.contains("? help  q quit"))
        #expect(k.text.contains("[ ] last 5m"))
        try ScreenSnapshot.check(k, named: "panel-keys")
        let wide = panel(200, 1) { KeyLine.draw($0, into: &$1, rect: $2) }
        #expect(wide.text.contains("Tab focus  e expand  < > rtt loopback  t theme:nord"))
    }

    @Test func latencyChartMarksTheModeSwitches() throws {
        let b = draw(.latencyChart, 70, 12)
        let t = b.text
        #expect(t.contains("Latency last 5m — inference per call"))
        #expect(t.contains("p50 "))
        #expect(t.contains("p99 "))
        #expect(t.contains("b1"))    // Remote (batch 1) from 4 minutes ago
        #expect(t.contains("CPU"))   // CPU-only again from 2 minutes ago
        #expect(t.contains("now"))
        #expect(t.contains("-4m"))
        try ScreenSnapshot.check(b, named: "panel-latency-chart")
    }

    @Test func throughputChart() throws {
        let b = draw(.throughputChart, 70, 12)
        #expect(b.text.contains("req/s"))
        #expect(b.text.contains("vec/s"))
        #expect(b.text.contains("err/s"))   // an error in the window
        let wide = draw(.throughputChart, 100, 12)
        #expect(wide.text.contains("requests/s"))
        #expect(wide.text.contains("errors/s"))
        try ScreenSnapshot.check(b, named: "panel-throughput-chart")
    }

    @Test func trainingChart() throws {
        let b = draw(.trainingChart, 70, 14)
        #expect(b.text.contains("best"))
        #expect(b.text.contains("win 3"))   // short labels when the full ones do not fit
        #expect(b.text.contains("spp"))
        let wide = draw(.trainingChart, 100, 14)
        #expect(wide.text.contains("win rate vs bot"))
        #expect(wide.text.contains("species"))
        try ScreenSnapshot.check(b, named: "panel-training-chart")
    }

    @Test func spectrumOfTheCurrentModeAndOfAll() throws {
        let one = draw(.spectrum, 70, 12)
        #expect(one.text.contains("Spectrum — inference per call, CPU-only"))
        #expect(one.text.contains("99.99%"))
        try ScreenSnapshot.check(one, named: "panel-spectrum")
        var s = UIState(remoteAvailable: true)
        _ = s.handle(.toggleSpectrumModes, now: 0)
        let all = draw(.spectrum, 90, 12, Fixtures.model(state: s))
        #expect(all.text.contains("all modes"))
        #expect(all.text.contains("CPU p99"))
        #expect(all.text.contains("b1 p99"))
        let roles = Set((0..<all.width).flatMap { x in (0..<all.height).map { all[x, $0].role } })
        #expect(roles.contains(.series1) && roles.contains(.series4))   // one colour per mode
    }
}
