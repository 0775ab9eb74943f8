import Engine
import Testing
@testable import Monitor

/// Whole screens from the fixed snapshot and chart history, compared with files in
/// Fixtures/screens/ (text, colour roles and attributes of every cell).
@Suite struct ScreenTests {
    func render(_ m: ScreenModel, _ w: Int, _ h: Int) -> CellBuffer {
        var b = CellBuffer(width: w, height: h)
        Screen.render(m, into: &b)
        return b
    }

    func state(_ keys: [KeyCommand]) -> UIState {
        var s = UIState(remoteAvailable: true, probePhaseSeconds: 10)
        for k in keys { _ = s.handle(k, now: 0) }
        return s
    }

    @Test(arguments: [(100, 30), (140, 45), (200, 60)])
    func sizes(_ size: (Int, Int)) throws {
        let b = render(Fixtures.model(), size.0, size.1)
        #expect(b.text.contains("Latency last 5m"))
        #expect(b.text.contains("Training"))
        #expect(b.text.contains("Decision matrix"))
        // Braille dots: the charts are drawn.
        #expect(b.text.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
        try ScreenSnapshot.check(b, named: "screen-\(size.0)x\(size.1)")
    }

    @Test func everyPanelIsOnScreenAt140x45() {
        let text = render(Fixtures.model(), 140, 45).text
        for title in ["Latency last 5m —", "Training last 5m —", "Throughput last 5m", "Spectrum —", "Rates per mode",
                      "Decision matrix", "Threads —", "Events"] {
            #expect(text.contains(title), "missing \(title)")
        }
        #expect(text.contains("+Percentiles"))
    }

    @Test func tooSmallSaysWhatIsNeeded() throws {
        let b = render(Fixtures.model(), 60, 20)
        #expect(b.text.contains("terminal too small: need 100×30, have 60×20 — q quits"))
        try ScreenSnapshot.check(b, named: "screen-60x20-too-small")
        let narrow = render(Fixtures.model(glyphs: .ascii), 20, 6).text
        #expect(narrow.contains("need 100x30,"))
        #expect(narrow.contains("q quits"))
        #expect(render(Fixtures.model(), 99, 45).text.contains("have 99×45"))
        #expect(render(Fixtures.model(), 140, 29).text.contains("have 140×29"))
    }

    @Test func asciiScreen() throws {
        let b = render(Fixtures.model(glyphs: .ascii), 100, 30)
        #expect(!b.text.unicodeScalars.contains { $0.value > 127 })
        try ScreenSnapshot.check(b, named: "screen-100x30-ascii")
    }

    @Test func helpOverlayListsTheNewKeys() throws {
        let b = render(Fixtures.model(state: state([.help])), 100, 30)
        for line in ["auto-probe: each mode in turn, then back", "charts' window: 1m, 5m, 15m, 1h, whole run",
                     "focus the next panel", "expand the focused panel", "threads: show / fold idle threads",
                     "threads: sort by CPU / name", "spectrum: current mode / all modes", "what-if network"] {
            #expect(b.text.contains(line), "help lacks \(line)")
        }
        try ScreenSnapshot.check(b, named: "screen-100x30-help")
    }

    @Test func beforeAnythingIsMeasuredAndRemoteNotWired() throws {
        let m = Fixtures.model(Fixtures.empty, state: UIState(remoteAvailable: false), remoteAvailable: false,
                               system: .empty, events: [], history: ChartHistory())
        let b = render(m, 100, 30)
        #expect(b.text.contains("CPU-only (remote not available)"))
        #expect(b.text.contains("no inference calls in the window yet"))
        #expect(b.text.contains("no generation finished in the window yet"))
        try ScreenSnapshot.check(b, named: "screen-100x30-empty")
    }

    @Test func zoomedOutToTheWholeRunWithTheSpectrumOfAllModes() throws {
        let b = render(Fixtures.model(state: state([.zoomOut, .zoomOut, .zoomOut, .zoomOut, .toggleSpectrumModes])), 140, 45)
        #expect(b.text.contains("whole run"))
        #expect(b.text.contains("Spectrum — inference, all modes"))
        try ScreenSnapshot.check(b, named: "screen-140x45-whole-run")
    }

    @Test func expandedSpectrum() throws {
        let b = render(Fixtures.model(state: state([.focusNext, .focusNext, .focusNext, .expand])), 140, 45)
        #expect(b.text.contains("Spectrum —"))
        #expect(b.text.contains("e: back"))
        #expect(!b.text.contains("Decision matrix"))
        #expect(b.text.contains("99.99%"))
        try ScreenSnapshot.check(b, named: "screen-140x45-expanded-spectrum")
    }

    @Test func expandedTrainingAt200x60() throws {
        let b = render(Fixtures.model(state: state([.focusNext, .focusNext, .expand])), 200, 60)
        #expect(b.text.contains("Training whole run —") || b.text.contains("Training last 5m —"))
        #expect(b.text.contains("win rate vs bot"))
        try ScreenSnapshot.check(b, named: "screen-200x60-expanded-training")
    }

    @Test func focusBringsASharedPanelForward() {
        // At 100×30 the threads share the rates slot: Tab to them shows them there, highlighted.
        var s = UIState(remoteAvailable: true)
        while s.focus != .threads { _ = s.handle(.focusNext, now: 0) }
        let b = render(Fixtures.model(state: s), 100, 30)
        #expect(b.text.contains("Threads —"))
        #expect(!b.text.contains("Rates per mode"))
        #expect(b.text.contains("+Rates"))
        let l = ScreenLayout.compute(width: 100, height: 30)!
        let r = l.slot(of: .threads)!.rect
        #expect(b[r.x, r.y].role == .highlight)
    }
}
