import Engine

/// Per-thread CPU as htop shows it: grouped by process (the dashboard, then the
/// inference server child) with each group's CPU and RSS, threads sorted by CPU or
/// name (`o`), and threads idle over the chart window folded into one line (`i`
/// unfolds them). Names cut by the kernel at 15 bytes are shown whole where known.
public enum ThreadsPanel: ScreenPanel {
    static func title(_ m: ScreenModel) -> String {
        let s = m.system
        var t = "Threads " + m.glyphs.dash + " dashboard " + Format.fixed(s.dashboardCPUPercent, 0) + "%"
        if let sv = s.serverCPUPercent { t += ", server " + Format.fixed(sv, 0) + "%" }
        return t + ", by " + m.state.threadSort.label
    }

    /// One process's rows: busy threads (sorted) and idle ones.
    struct Group: Equatable {
        var process: ProcessRole
        var pid: Int32
        var busy: [ThreadCPU]
        var idle: [ThreadCPU]
    }

    /// The threads of `sample` grouped by process, dashboard first, each group sorted by `sort`.
    static func groups(_ sample: SystemSample, idle: Set<Int64>, sort: ThreadSort) -> [Group] {
        var out: [Group] = []
        for role in [ProcessRole.dashboard, .server] {
            let threads = sample.threads.filter { $0.process == role }
            guard let pid = threads.first?.pid else { continue }
            let sorted = sort.sorted(threads)
            out.append(Group(process: role, pid: pid, busy: sorted.filter { !idle.contains(ThreadActivity.key($0)) },
                             idle: sorted.filter { idle.contains(ThreadActivity.key($0)) }))
        }
        return out
    }

    static func drawContent(_ m: ScreenModel, into b: inout CellBuffer, rect inner: Rect) {
        let g = m.glyphs, s = m.system
        let nameW = Swift.max(16, Swift.min(38, inner.width - 32))
        var x = b.write(Format.padLeft("tid", 9) + "  " + Format.pad("name", nameW) + Format.padLeft("cpu%", 6),
                        x: inner.x + 1, y: inner.y, role: .label, clip: inner)
        let barX = x + 1, barW = inner.maxX - 1 - barX
        var y = inner.y + 1
        if s.threads.isEmpty, y < inner.maxY { b.write("no samples yet", x: inner.x + 1, y: y, role: .inactive, clip: inner) }
        for group in groups(s, idle: m.idleThreads, sort: m.state.threadSort) where y < inner.maxY {
            let server = group.process == .server
            let cpu = server ? (s.serverCPUPercent ?? 0) : s.dashboardCPUPercent
            let rss = server ? s.serverRSS : s.dashboardRSS
            x = b.write(g.unfolded + " " + (server ? "server" : "dashboard"), x: inner.x + 1, y: y,
                        role: server ? .highlight : .title, attributes: .bold, clip: inner)
            let count = group.busy.count + group.idle.count
            let facts = "  pid \(group.pid)  CPU " + Format.fixed(cpu, 0) + "%  RSS " + (rss.map(Format.bytes) ?? g.dash)
                + "  \(count) thread" + (count == 1 ? "" : "s")
            b.write(facts, x: x, y: y, role: .label, clip: inner)
            y += 1
            let shown = m.state.showIdleThreads ? m.state.threadSort.sorted(group.busy + group.idle) : group.busy
            for t in shown where y < inner.maxY {
                row(t, idle: !group.busy.contains(t), into: &b, y: y, inner: inner, nameW: nameW, bar: (barX, barW), glyphs: g)
                y += 1
            }
            if !m.state.showIdleThreads, !group.idle.isEmpty, y < inner.maxY {
                b.write("   " + g.folded + " \(group.idle.count) idle (0% over the " + m.charts.window.label + "; i shows them)",
                        x: inner.x + 1, y: y, role: .inactive, clip: inner)
                y += 1
            }
        }
    }

    private static func row(_ t: ThreadCPU, idle: Bool, into b: inout CellBuffer, y: Int, inner: Rect, nameW: Int,
                            bar: (x: Int, width: Int), glyphs g: Glyphs) {
        var x = b.write(Format.padLeft("\(t.tid)", 9) + "  ", x: inner.x + 1, y: y, role: .label, clip: inner)
        let name = t.name.unicodeScalars.count > nameW ? Format.cutRight(t.name, nameW, glyphs: g) : t.name
        x = b.write(Format.pad(name, nameW), x: x, y: y, role: idle ? .inactive : .normal, clip: inner)
        let role: StyleRole = idle ? .inactive : (t.cpuPercent >= 80 ? .bad : (t.cpuPercent >= 30 ? .warning : .good))
        b.write(Format.padLeft(Format.fixed(t.cpuPercent, 1), 6), x: x, y: y, role: role, clip: inner)
        guard bar.width > 0 else { return }
        let n = Swift.min(bar.width, Int((Swift.min(100, t.cpuPercent) / 100 * Double(bar.width)).rounded()))
        for i in 0..<n { b.put(bar.x + i, y, g.spark[7], role: role, clip: inner) }
    }
}
