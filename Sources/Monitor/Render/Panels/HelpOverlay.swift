/// The `?` overlay: every key, and where logs and snapshots go.
public enum HelpOverlay {
    static let lines: [(String, String)] = [
        ("c", "CPU-only: evaluate networks in-process"),
        ("r", "Remote, batch 1: one vector per HTTP request"),
        ("b", "Remote, batch N: N vectors per request"),
        ("+ / -", "double / halve N (2..1024)"),
        ("a", "auto-probe: each mode in turn, then back"),
        ("< / >", "what-if network: matrix projected at loopback..20 ms"),
        ("s", "snapshot: CSV of the figures + SVG of the screen"),
        ("S", "checkpoint now (with --checkpoint-dir; see docs/checkpoints.md)"),
        ("space", "pause / resume training"),
        ("[ / ]", "charts' window: 1m, 5m, 15m, 1h, whole run"),
        ("Tab", "focus the next panel (Shift-Tab: previous)"),
        ("e", "expand the focused panel / back (also Esc)"),
        ("l", "latency shown: inference / match"),
        ("m", "spectrum: current mode / all modes"),
        ("i", "threads: show / fold idle threads"),
        ("o", "threads: sort by CPU / name"),
        ("t", "next theme"),
        ("? / Esc", "close this help"),
        ("q", "quit (restores the terminal)"),
    ]

    public static func draw(_ m: ScreenModel, into b: inout CellBuffer, area: Rect) {
        let w = Swift.min(area.width - 4, 66)
        let h = Swift.min(area.height - 2, lines.count + m.notes.count + 5)
        let r = Rect(x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h)
        b.fill(r)
        b.box(r, title: "Help", glyphs: m.glyphs, role: .highlight)
        let inner = r.inset(1)
        var y = inner.y + 1
        for (k, d) in lines where y < inner.maxY {
            let x = b.write(Format.pad(k, 10), x: inner.x + 2, y: y, role: .highlight, attributes: .bold, clip: inner)
            b.write(d, x: x, y: y, clip: inner)
            y += 1
        }
        y += 1
        for n in m.notes where y < inner.maxY {
            b.write(Format.cutLeft(n, inner.width - 4, glyphs: m.glyphs), x: inner.x + 2, y: y, role: .inactive, clip: inner)
            y += 1
        }
    }
}
