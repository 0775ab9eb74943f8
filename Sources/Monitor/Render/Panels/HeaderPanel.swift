import Engine

/// Mode, batch, threads, generation, fitness, species, win rate, uptime, running/paused.
public enum HeaderPanel {
    public static func draw(_ m: ScreenModel, into b: inout CellBuffer, rect: Rect) {
        let g = m.glyphs, s = m.snapshot, t = s.training
        b.box(rect, title: "dashboard", glyphs: g)
        let up = " up " + Format.clock(s.uptimeSeconds) + " "
        b.writeRight(up, rightEdge: rect.maxX - 2, y: rect.y, role: .title)
        let inner = rect.inset(1)
        guard inner.height >= 1 else { return }

        // Line 1: mode and what it is doing.
        var x = b.write("Mode ", x: inner.x + 1, y: inner.y, role: .label, clip: inner)
        var modeText = "\(s.currentMode)"
        if !m.remoteAvailable && s.currentMode == .cpu { modeText += " (remote not available)" }
        x = b.write(modeText, x: x, y: inner.y, role: .highlight, attributes: .bold, clip: inner)
        if m.state.mode != s.currentMode {
            x = b.write("  switching to \(m.state.mode) at the next tick batch", x: x, y: inner.y, role: .warning, clip: inner)
        }
        x = b.write("   batch ", x: x, y: inner.y, role: .label, clip: inner)
        x = b.write("\(s.currentMode.batchSize)", x: x, y: inner.y, clip: inner)
        x = b.write("   threads ", x: x, y: inner.y, role: .label, clip: inner)
        x = b.write("\(t.threads)", x: x, y: inner.y, clip: inner)
        x = b.write("   task ", x: x, y: inner.y, role: .label, clip: inner)
        x = b.write(t.task, x: x, y: inner.y, clip: inner)
        x = b.write("   pop ", x: x, y: inner.y, role: .label, clip: inner)
        b.write("\(t.populationSize)", x: x, y: inner.y, clip: inner)
        let status: String
        let statusRole: StyleRole
        if m.state.paused || t.paused { status = " PAUSED "; statusRole = .warning }
        else if let p = m.state.probe {
            status = " AUTO-PROBE \(p.index + 1)/\(p.modes.count) \(Int((m.state.probeSecondsLeft ?? 0).rounded(.up)))s "
            statusRole = .highlight
        } else { status = " RUNNING "; statusRole = .good }
        b.writeRight(status, rightEdge: inner.maxX - 1, y: inner.y, role: statusRole, attributes: [.bold, .reverse], clip: inner)

        guard inner.height >= 2 else { return }
        let y2 = inner.y + 1
        x = b.write("Gen ", x: inner.x + 1, y: y2, role: .label, clip: inner)
        x = b.write("\(t.generation)", x: x, y: y2, attributes: .bold, clip: inner)
        x = b.write("   best ", x: x, y: y2, role: .label, clip: inner)
        x = b.write(Format.fixed(t.bestFitness, 3), x: x, y: y2, role: .good, clip: inner)
        x = b.write("   mean ", x: x, y: y2, role: .label, clip: inner)
        x = b.write(Format.fixed(t.meanFitness, 3), x: x, y: y2, clip: inner)
        x = b.write("   species ", x: x, y: y2, role: .label, clip: inner)
        x = b.write("\(t.speciesCount)", x: x, y: y2, clip: inner)
        // Right end: the last checkpoint, generation and age.
        var rightEdge = inner.maxX - 1
        if let c = t.lastCheckpoint {
            let age = Double(s.takenAt &- c.at) / 1e9
            let ageText = age < 60 ? "\(Int(Swift.max(0, age)))s" : Format.clock(age)
            let text = " checkpoint gen \(c.generation), \(ageText) ago "
            if x + 30 + text.count < inner.maxX {
                b.writeRight(text, rightEdge: rightEdge, y: y2, role: .label, clip: inner)
                rightEdge -= text.count
            }
        }
        x = b.write("   champion win rate vs bot ", x: x, y: y2, role: .label, clip: inner)
        if let w = t.championWinRate {
            x = b.write(Format.percent(w), x: x, y: y2, role: .highlight, clip: inner)
            let room = rightEdge - 1 - (x + 1)
            if room >= 4, !s.winRateHistory.isEmpty {
                Sparkline.draw(s.winRateHistory, into: &b, x: x + 1, y: y2, width: Swift.min(20, room), glyphs: g)
            }
        } else {
            b.write(g.dash, x: x, y: y2, role: .inactive, clip: inner)
        }
    }
}
