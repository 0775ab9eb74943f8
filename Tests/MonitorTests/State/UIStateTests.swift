import Engine
import Testing
@testable import Monitor

@Suite struct KeyCommandTests {
    @Test func decodesKeys() {
        let map: [(Character, KeyCommand)] = [("c", .cpuOnly), ("r", .remoteSingle), ("b", .remoteBatched), ("+", .batchUp),
                                              ("-", .batchDown), ("a", .autoProbe), ("s", .snapshot), (" ", .togglePause),
                                              ("t", .nextTheme), ("?", .help), ("q", .quit)]
        for (ch, cmd) in map { #expect(KeyCommand(code: Int32(ch.asciiValue!)) == cmd) }
        #expect(KeyCommand(code: 27) == .escape)
        #expect(KeyCommand(code: 0o632) == .resize)
        #expect(KeyCommand(code: Int32(Character("z").asciiValue!)) == nil)
        let view: [(Character, KeyCommand)] = [("[", .zoomIn), ("]", .zoomOut), ("\t", .focusNext), ("e", .expand),
                                               ("i", .toggleIdleThreads), ("o", .nextThreadSort), ("m", .toggleSpectrumModes),
                                               ("l", .nextLatencyMetric)]
        for (ch, cmd) in view { #expect(KeyCommand(code: Int32(ch.asciiValue!)) == cmd) }
        #expect(KeyCommand(code: 0o541) == .focusPrevious)   // KEY_BTAB, Shift-Tab
        #expect(KeyCommand(code: Int32(Character("S").asciiValue!)) == .checkpoint)
    }
}

@Suite struct WhatIfKeyTests {
    @Test func lessAndGreaterStepTheAssumedRoundTrip() {
        for (ch, cmd) in [("<", KeyCommand.rttDown), (",", .rttDown), (">", .rttUp), (".", .rttUp)] as [(Character, KeyCommand)] {
            #expect(KeyCommand(code: Int32(ch.asciiValue!)) == cmd)
        }
        var s = UIState(remoteAvailable: true)
        #expect(s.assumedRTTMillis == nil)
        #expect(s.handle(.rttUp, now: 0) == [.event("what-if network: remote columns projected at a 0.2 ms round trip")])
        _ = s.handle(.rttUp, now: 0)
        #expect(s.assumedRTTMillis == 0.5)
        _ = s.handle(.rttDown, now: 0)
        #expect(s.handle(.rttDown, now: 0) == [.event("what-if network off: the matrix shows the loopback measurements")])
        #expect(s.assumedRTTMillis == nil)
        #expect(s.handle(.rttDown, now: 0) == [.event("what-if network stays at loopback (loopback to 20 ms)")])
        // --assume-rtt starts it anywhere; the keys then go to the neighbouring steps.
        var t = UIState(assumedRTTMillis: 3)
        _ = t.handle(.rttUp, now: 0)
        #expect(t.assumedRTTMillis == 5)
        _ = t.handle(.rttUp, now: 0); _ = t.handle(.rttUp, now: 0)
        #expect(t.assumedRTTMillis == 20)
    }
}

@Suite struct UIStateViewTests {
    @Test func zoomStepsThroughTheWindows() {
        var st = UIState()
        #expect(st.window == .fiveMinutes)
        var seen: [ChartWindow] = []
        for _ in 0..<5 { #expect(st.handle(.zoomOut, now: 0) == []); seen.append(st.window) }
        #expect(seen == [.fifteenMinutes, .oneHour, .wholeRun, .wholeRun, .wholeRun])
        for _ in 0..<5 { _ = st.handle(.zoomIn, now: 0) }
        #expect(st.window == .oneMinute)
        #expect(ChartWindow.allCases.map(\.label) == ["last 1m", "last 5m", "last 15m", "last 1h", "whole run"])
    }

    @Test func tabCyclesFocusAndSharedSlotsFollow() {
        var st = UIState()
        #expect(st.focus == .latencyChart)
        var order: [PanelID] = []
        for _ in PanelID.allCases { _ = st.handle(.focusNext, now: 0); order.append(st.focus) }
        #expect(order == Array(PanelID.allCases.dropFirst()) + [.latencyChart])
        _ = st.handle(.focusPrevious, now: 0)
        #expect(st.focus == .events)
        // The rates slot of a small screen shows what was focused last among its panels.
        #expect(st.shown(in: [.rates, .latencyTable, .threads, .events]) == .events)
        #expect(st.shown(in: [.latencyChart, .throughputChart]) == .latencyChart)
        #expect(UIState().shown(in: [.rates, .latencyTable]) == .rates)
    }

    @Test func expandAndBack() {
        var st = UIState()
        _ = st.handle(.expand, now: 0)
        #expect(st.expanded)
        _ = st.handle(.escape, now: 0)
        #expect(!st.expanded)
        _ = st.handle(.expand, now: 0)
        _ = st.handle(.expand, now: 0)
        #expect(!st.expanded)
        // Help open: Esc closes help first.
        _ = st.handle(.expand, now: 0)
        _ = st.handle(.help, now: 0)
        _ = st.handle(.escape, now: 0)
        #expect(!st.showHelp && st.expanded)
    }

    @Test func threadAndSpectrumToggles() {
        var st = UIState()
        _ = st.handle(.toggleIdleThreads, now: 0)
        _ = st.handle(.nextThreadSort, now: 0)
        _ = st.handle(.toggleSpectrumModes, now: 0)
        _ = st.handle(.nextLatencyMetric, now: 0)
        #expect(st.showIdleThreads && st.threadSort == .name && st.spectrumAllModes && st.latencyMetric == 1)
        _ = st.handle(.nextThreadSort, now: 0)
        _ = st.handle(.nextLatencyMetric, now: 0)
        #expect(st.threadSort == .cpu && st.latencyMetric == 0)
    }
}

@Suite struct UIStateTests {
    let s = UInt64(1_000_000_000)

    @Test func modeKeys() {
        var st = UIState(mode: .cpu, batchSize: 8, remoteAvailable: true)
        #expect(st.handle(.remoteSingle, now: 0) == [.switchMode(.remote(batch: 1))])
        #expect(st.handle(.remoteSingle, now: 0) == [])                   // already there
        #expect(st.handle(.remoteBatched, now: 0) == [.switchMode(.remote(batch: 8))])
        #expect(st.handle(.cpuOnly, now: 0) == [.switchMode(.cpu)])
        #expect(st.mode == .cpu)
    }

    @Test func remoteKeysWhenRemoteIsNotWired() {
        var st = UIState(remoteAvailable: false)
        #expect(st.handle(.remoteSingle, now: 0) == [.event("remote inference not available: staying CPU-only")])
        #expect(st.mode == .cpu)
        #expect(st.handle(.autoProbe, now: 0) == [.event("auto-probe: only CPU-only is available (remote not available)")])
        #expect(st.probe == nil)
    }

    @Test func batchSizeStepsByPowersOfTwoAndAppliesWhenBatched() {
        var st = UIState(mode: .cpu, batchSize: 8, remoteAvailable: true)
        #expect(st.handle(.batchUp, now: 0) == [.event("batch size 16: press b to use it")])
        #expect(st.handle(.remoteBatched, now: 0) == [.switchMode(.remote(batch: 16))])
        #expect(st.handle(.batchDown, now: 0) == [.switchMode(.remote(batch: 8))])
        var odd = UIState(batchSize: 6, remoteAvailable: true)
        _ = odd.handle(.batchUp, now: 0)
        #expect(odd.batchSize == 8)
        var low = UIState(batchSize: 2, remoteAvailable: true)
        #expect(low.handle(.batchDown, now: 0) == [.event("batch size stays 2 (range 2-1024)")])
        var high = UIState(batchSize: 1024, remoteAvailable: true)
        _ = high.handle(.batchUp, now: 0)
        #expect(high.batchSize == 1024)
    }

    @Test func pauseSnapshotThemeQuit() {
        var st = UIState(themeCount: 3)
        #expect(st.handle(.togglePause, now: 0) == [.pause])
        #expect(st.paused)
        #expect(st.handle(.togglePause, now: 0) == [.resume])
        #expect(st.handle(.snapshot, now: 0) == [.writeSnapshot])
        #expect(st.handle(.checkpoint, now: 0) == [.writeCheckpoint])
        #expect(st.handle(.nextTheme, now: 0) == [.setTheme(index: 1)])
        #expect(st.handle(.nextTheme, now: 0) == [.setTheme(index: 2)])
        #expect(st.handle(.nextTheme, now: 0) == [.setTheme(index: 0)])
        #expect(st.handle(.resize, now: 0) == [.relayout])
        #expect(st.handle(.quit, now: 0) == [.quit])
    }

    @Test func helpOpensClosesWithEscAndStillQuits() {
        var st = UIState()
        #expect(st.handle(.help, now: 0) == [])
        #expect(st.showHelp)
        #expect(st.handle(.escape, now: 0) == [])
        #expect(!st.showHelp)
        _ = st.handle(.help, now: 0)
        #expect(st.handle(.help, now: 0) == [])
        #expect(!st.showHelp)
        _ = st.handle(.help, now: 0)
        #expect(st.handle(.quit, now: 0) == [.quit])
        #expect(st.handle(.escape, now: 0) == [])   // Esc without help: nothing
    }

    @Test func autoProbeRunsEachModeThenReturns() {
        var st = UIState(mode: .remote(batch: 1), batchSize: 4, remoteAvailable: true, probePhaseSeconds: 10)
        #expect(st.handle(.autoProbe, now: 0) == [.event("auto-probe: 3 modes, 10s each"), .switchMode(.cpu)])
        #expect(st.tick(now: 9 * s) == [])
        #expect(st.probeSecondsLeft == 1)
        #expect(st.tick(now: 10 * s) == [.switchMode(.remote(batch: 1))])
        #expect(st.tick(now: 20 * s) == [.switchMode(.remote(batch: 4))])
        #expect(st.probe?.index == 2)
        #expect(st.tick(now: 30 * s) == [.event("auto-probe done: back to Remote (batch 1)"), .switchMode(.remote(batch: 1))])
        #expect(st.probe == nil)
        #expect(st.mode == .remote(batch: 1))
        #expect(st.tick(now: 40 * s) == [])
    }

    @Test func autoProbeClockStopsWhilePaused() {
        var st = UIState(mode: .cpu, remoteAvailable: true, probePhaseSeconds: 10)
        _ = st.handle(.autoProbe, now: 0)             // cpu first: no switch needed
        #expect(st.tick(now: 5 * s) == [])
        _ = st.handle(.togglePause, now: 5 * s)
        #expect(st.tick(now: 100 * s) == [])          // paused: no progress
        _ = st.handle(.togglePause, now: 100 * s)
        #expect(st.tick(now: 104 * s) == [])          // 5 + 4 = 9 s
        #expect(st.tick(now: 105 * s) == [.switchMode(.remote(batch: 1))])
    }

    @Test func autoProbeCancel() {
        var st = UIState(mode: .remote(batch: 8), batchSize: 8, remoteAvailable: true, probePhaseSeconds: 10)
        _ = st.handle(.autoProbe, now: 0)
        #expect(st.mode == .cpu)
        // `a` again: stop and go back.
        #expect(st.handle(.autoProbe, now: s) == [.event("auto-probe cancelled"), .switchMode(.remote(batch: 8))])
        // A mode key during a probe wins.
        _ = st.handle(.autoProbe, now: 2 * s)
        #expect(st.handle(.remoteSingle, now: 3 * s) == [.event("auto-probe cancelled"), .switchMode(.remote(batch: 1))])
        #expect(st.tick(now: 50 * s) == [])
    }

    @Test func syncAdoptsEngineModeButNotWhileASwitchIsPending() {
        var st = UIState(mode: .cpu, remoteAvailable: true)
        _ = st.handle(.remoteSingle, now: 0)
        st.sync(engineMode: .cpu)                     // engine has not switched yet
        #expect(st.mode == .remote(batch: 1))
        st.sync(engineMode: .remote(batch: 1))        // now it has
        #expect(st.pendingSwitch == nil)
        st.sync(engineMode: .cpu)                     // engine fell back by itself
        #expect(st.mode == .cpu)
    }
}
