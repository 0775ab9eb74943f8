import Engine
import Testing
@testable import Monitor

/// Each panel alone, from the fixed snapshot, compared with Fixtures/screens/panel-*.txt.
@Suite struct PanelTests {
    typealias Draw = (ScreenModel, inout CellBuffer, Rect) -> Void

    func panel(_ w: Int, _ h: Int, _ m: ScreenModel = Fixtures.model(), _ draw: Draw) -> String {
        var b = CellBuffer(width: w, height: h)
        draw(m, &b, b.bounds)
        return b.text
    }

    @Test func header() throws {
        let t = panel(100, 4) { HeaderPanel.draw($0, into: &$1, rect: $2) }
        #expect(t.contains("Gen 42"))
        #expect(t.contains("62.5%"))
        #expect(t.contains("up 01:02:05"))
        #expect(t.contains("RUNNING"))
        try ScreenSnapshot.check(t, named: "panel-header")
    }

    @Test func headerPausedAndSwitching() throws {
        var s = UIState(remoteAvailable: true)
        _ = s.handle(.remoteSingle, now: 0)
        _ = s.handle(.togglePause, now: 0)
        let t = panel(140, 4, Fixtures.model(state: s)) { HeaderPanel.draw($0, into: &$1, rect: $2) }
        #expect(t.contains("PAUSED"))
        #expect(t.contains("switching to Remote (batch 1) at the next tick batch"))
    }

    @Test func headerDuringAutoProbe() {
        var s = UIState(remoteAvailable: true, probePhaseSeconds: 10)
        _ = s.handle(.autoProbe, now: 0)
        _ = s.tick(now: 10_500_000_000)
        let t = panel(100, 4, Fixtures.model(state: s)) { HeaderPanel.draw($0, into: &$1, rect: $2) }
        #expect(t.contains("AUTO-PROBE 2/3 10s"))
    }

    @Test func latency() throws {
        let t = panel(100, 7) { LatencyPanel.draw($0, into: &$1, rect: $2) }
        #expect(t.contains("> CPU-only"))
        #expect(t.contains("35µs"))
        #expect(t.contains("not measured yet"))
        try ScreenSnapshot.check(t, named: "panel-latency")
    }

    /// A remote mode with per-request figures gets a "per request" line under its per-tick row.
    @Test func latencyShowsPerRequestUnderARemoteMode() {
        var remote = Fixtures.remoteSingleFigures
        remote.requestLatency = LatencySummary(count: 40_000, p50: 70, p95: 110, p99: 150, max: 900, mean: 80)
        var snap = Fixtures.snapshot
        snap.modes = [Fixtures.cpuFigures, remote]
        let t = panel(100, 8, Fixtures.model(snap)) { LatencyPanel.draw($0, into: &$1, rect: $2) }
        #expect(t.contains("tick p50"))
        let lines = t.split(separator: "\n")
        guard let i = lines.firstIndex(where: { $0.contains("Remote (batch 1)") }) else { Issue.record("no remote row"); return }
        #expect(lines[i].contains("310µs"))            // the per-tick wait
        #expect(lines[i + 1].contains("per request") && lines[i + 1].contains("70µs") && lines[i + 1].contains("150µs"))
        // Wide enough: columns of their own on the mode's row instead.
        let wide = panel(130, 7, Fixtures.model(snap)) { LatencyPanel.draw($0, into: &$1, rect: $2) }
        let wideLines = wide.split(separator: "\n")
        #expect(wideLines[1].contains("max   req p50 req p99"))
        guard let j = wideLines.firstIndex(where: { $0.contains("Remote (batch 1)") }) else { Issue.record("no remote row"); return }
        #expect(wideLines[j].contains("70µs") && wideLines[j].contains("150µs") && !wide.contains("per request"))
    }

    @Test func rates() throws {
        let t = panel(50, 10) { RatesPanel.draw($0, into: &$1, rect: $2) }
        #expect(t.contains("2.0k"))   // 120000 vectors / 60 s
        try ScreenSnapshot.check(t, named: "panel-rates")
    }

    @Test func matrix() throws {
        let t = panel(50, 10) { MatrixPanel.draw($0, into: &$1, rect: $2) }
        #expect(t.contains("Recommended: CPU-only"))
        #expect(t.contains("not measured yet: Remote b8"))
        try ScreenSnapshot.check(t, named: "panel-matrix")
    }

    @Test func threads() throws {
        let t = panel(50, 8) { ThreadsPanel.draw($0, into: &$1, rect: $2) }
        #expect(t.contains("dashboard 187%, server 35%"))
        try ScreenSnapshot.check(t, named: "panel-threads")
    }

    @Test func memory() throws {
        let t = panel(50, 4) { MemoryPanel.draw($0, into: &$1, rect: $2) }
        #expect(t.contains("50.0 MiB"))
        #expect(t.contains("10.0 MiB"))
        try ScreenSnapshot.check(t, named: "panel-memory")
    }

    @Test func eventsKeepFileNames() throws {
        let t = panel(50, 5) { EventsPanel.draw($0, into: &$1, rect: $2) }
        #expect(t.contains("dashboard-20261127-050101-123.csv"))
        try ScreenSnapshot.check(t, named: "panel-events")
    }

    @Test func eventLineAndKeyLine() throws {
        let e = panel(100, 1) { EventLine.draw($0, into: &$1, rect: $2) }
        #expect(e == " event: snapshot written: /tmp/csv/dashboard-20261127-050101-123.csv\n")
        let k = panel(100, 1) { KeyLine.draw($0, into: &$1, rect: $2) }
        try ScreenSnapshot.check(k, named: "panel-keys")
        #expect(k.contains("q quit"))
    }
}
