/// Recent events (mode switches, errors, snapshots), newest at the bottom.
public enum EventsPanel: ScreenPanel {
    static func title(_ m: ScreenModel) -> String { "Events" }

    static func drawContent(_ m: ScreenModel, into b: inout CellBuffer, rect inner: Rect) {
        let shown = m.events.suffix(inner.height)
        var y = inner.maxY - shown.count
        for e in shown {
            let x = b.write(Format.padLeft(Format.fixed(e.seconds, 1) + "s", 8) + " ", x: inner.x, y: y, role: .label, clip: inner)
            b.write(Format.cutLeft(e.text, inner.maxX - x, glyphs: m.glyphs), x: x, y: y, role: e.isError ? .bad : .normal, clip: inner)
            y += 1
        }
    }
}
