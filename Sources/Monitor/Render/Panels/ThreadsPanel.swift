/// Per-thread CPU of the dashboard and the server child, busiest first.
public enum ThreadsPanel {
    public static func draw(_ m: ScreenModel, into b: inout CellBuffer, rect: Rect) {
        let g = m.glyphs, s = m.system
        var title = "Threads " + g.dash + " dashboard " + Format.fixed(s.dashboardCPUPercent, 0) + "%"
        if let sv = s.serverCPUPercent { title += ", server " + Format.fixed(sv, 0) + "%" }
        b.box(rect, title: title, glyphs: g)
        let inner = rect.inset(1)
        guard inner.height >= 1 else { return }
        var x = b.write(Format.pad("proc", 6) + Format.padLeft("tid", 8) + "  " + Format.pad("name", 16) + Format.padLeft("cpu%", 7),
                        x: inner.x + 1, y: inner.y, role: .label, clip: inner)
        let barX = x + 1
        let barW = inner.maxX - 1 - barX
        var y = inner.y + 1
        if s.threads.isEmpty, y < inner.maxY {
            b.write("no samples yet", x: inner.x + 1, y: y, role: .inactive, clip: inner)
        }
        for t in s.threads where y < inner.maxY {
            let proc = t.process == .dashboard ? "dash" : "server"
            x = b.write(Format.pad(proc, 6), x: inner.x + 1, y: y, role: t.process == .dashboard ? .normal : .highlight, clip: inner)
            x = b.write(Format.padLeft("\(t.tid)", 8) + "  ", x: x, y: y, role: .label, clip: inner)
            x = b.write(Format.pad(t.name, 16), x: x, y: y, clip: inner)
            let role: StyleRole = t.cpuPercent >= 80 ? .bad : (t.cpuPercent >= 30 ? .warning : .good)
            b.write(Format.padLeft(Format.fixed(t.cpuPercent, 1), 7), x: x, y: y, role: role, clip: inner)
            if barW > 0 {
                let n = Swift.min(barW, Int((Swift.min(100, t.cpuPercent) / 100 * Double(barW)).rounded()))
                for i in 0..<n { b.put(barX + i, y, g.spark[7], role: role, clip: inner) }
            }
            y += 1
        }
    }
}
