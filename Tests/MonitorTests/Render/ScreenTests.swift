import Engine
import Testing
@testable import Monitor

/// Whole screens at three sizes, compared with files in Fixtures/screens/.
@Suite struct ScreenTests {
    func render(_ m: ScreenModel, _ w: Int, _ h: Int) -> String {
        var b = CellBuffer(width: w, height: h)
        Screen.render(m, into: &b)
        return b.text
    }

    @Test func minimumSize() throws {
        try ScreenSnapshot.check(render(Fixtures.model(), 100, 30), named: "screen-100x30")
    }

    @Test func largeSize() throws {
        try ScreenSnapshot.check(render(Fixtures.model(), 160, 50), named: "screen-160x50")
    }

    @Test func tooSmallSaysWhatIsNeeded() throws {
        let text = render(Fixtures.model(), 60, 20)
        #expect(text.contains("terminal too small: need 100×30, have 60×20 — q quits"))
        try ScreenSnapshot.check(text, named: "screen-60x20-too-small")
        let narrow = render(Fixtures.model(glyphs: .ascii), 20, 6)
        #expect(narrow.contains("need 100x30,"))
        #expect(narrow.contains("q quits"))
    }

    @Test func asciiScreen() throws {
        try ScreenSnapshot.check(render(Fixtures.model(glyphs: .ascii), 100, 30), named: "screen-100x30-ascii")
    }

    @Test func helpOverlay() throws {
        var state = UIState(remoteAvailable: true)
        _ = state.handle(.help, now: 0)
        let text = render(Fixtures.model(state: state), 100, 30)
        #expect(text.contains("auto-probe: each mode in turn, then back"))
        try ScreenSnapshot.check(text, named: "screen-100x30-help")
    }

    @Test func beforeAnythingIsMeasuredAndRemoteNotWired() throws {
        let m = Fixtures.model(Fixtures.empty, state: UIState(remoteAvailable: false), remoteAvailable: false,
                               system: .empty, events: [])
        let text = render(m, 100, 30)
        #expect(text.contains("CPU-only (remote not available)"))
        #expect(text.contains("not available"))
        #expect(text.contains("Recommended: nothing measured yet"))
        try ScreenSnapshot.check(text, named: "screen-100x30-empty")
    }
}
