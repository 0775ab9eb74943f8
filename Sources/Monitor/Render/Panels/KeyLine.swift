/// The keys, always on screen.
public enum KeyLine {
    public static func draw(_ m: ScreenModel, into b: inout CellBuffer, rect: Rect) {
        b.fill(rect, " ", role: .selected)
        let keys: [(String, String)] = [
            ("c", "cpu"), ("r", "remote"), ("b", "batch \(m.state.batchSize)"), ("+/-", "N"),
            ("a", m.state.probe == nil ? "probe" : "stop probe"), ("s", "csv"),
            ("space", m.state.paused ? "resume" : "pause"), ("t", "theme:" + m.themeName), ("?", "help"), ("q", "quit"),
        ]
        var x = rect.x + 1
        for (k, label) in keys {
            x = b.write(k, x: x, y: rect.y, role: .selected, attributes: .bold, clip: rect)
            x = b.write(" " + label + "  ", x: x, y: rect.y, role: .selected, clip: rect)
        }
    }
}
