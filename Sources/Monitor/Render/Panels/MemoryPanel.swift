/// RSS of the dashboard and of the server child.
public enum MemoryPanel {
    public static func draw(_ m: ScreenModel, into b: inout CellBuffer, rect: Rect) {
        let g = m.glyphs, s = m.system
        b.box(rect, title: "Memory (RSS)", glyphs: g)
        let inner = rect.inset(1)
        guard inner.height >= 1 else { return }
        var x = b.write(Format.pad("dashboard", 12), x: inner.x + 1, y: inner.y, role: .label, clip: inner)
        b.write(s.dashboardRSS.map(Format.bytes) ?? g.dash, x: x, y: inner.y, attributes: .bold, clip: inner)
        guard inner.height >= 2 else { return }
        x = b.write(Format.pad("server", 12), x: inner.x + 1, y: inner.y + 1, role: .label, clip: inner)
        if let r = s.serverRSS {
            b.write(Format.bytes(r), x: x, y: inner.y + 1, attributes: .bold, clip: inner)
        } else {
            b.write(g.dash + " (no server child)", x: x, y: inner.y + 1, role: .inactive, clip: inner)
        }
    }
}
