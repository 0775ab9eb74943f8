/// The panels that take focus (`Tab`), expand (`e`) and share slots on small screens,
/// in focus order.
public enum PanelID: String, Sendable, CaseIterable, Equatable {
    case latencyChart, throughputChart, trainingChart, spectrum, latencyTable, rates, matrix, threads, events

    /// The name shown for a panel waiting behind another in a shared slot.
    public var shortName: String {
        switch self {
        case .latencyChart: return "Latency"
        case .throughputChart: return "Throughput"
        case .trainingChart: return "Training"
        case .spectrum: return "Spectrum"
        case .latencyTable: return "Percentiles"
        case .rates: return "Rates"
        case .matrix: return "Matrix"
        case .threads: return "Threads"
        case .events: return "Events"
        }
    }

    var panel: any ScreenPanel.Type {
        switch self {
        case .latencyChart: return LatencyChartPanel.self
        case .throughputChart: return ThroughputChartPanel.self
        case .trainingChart: return TrainingChartPanel.self
        case .spectrum: return SpectrumPanel.self
        case .latencyTable: return LatencyPanel.self
        case .rates: return RatesPanel.self
        case .matrix: return MatrixPanel.self
        case .threads: return ThreadsPanel.self
        case .events: return EventsPanel.self
        }
    }

    /// The next (or previous) panel in focus order, wrapping around.
    public func next(backwards: Bool = false) -> PanelID {
        let all = PanelID.allCases
        let i = all.firstIndex(of: self)!
        return all[(i + (backwards ? all.count - 1 : 1)) % all.count]
    }
}

/// A boxed panel: its title, and what it draws inside the box.
protocol ScreenPanel {
    static func title(_ m: ScreenModel) -> String
    /// Draws inside `rect` (the box's inside).
    static func drawContent(_ m: ScreenModel, into b: inout CellBuffer, rect: Rect)
}

extension ScreenPanel {
    /// The panel alone in `rect`, unfocused: box, title, content.
    static func draw(_ m: ScreenModel, into b: inout CellBuffer, rect: Rect) {
        let inner = PanelFrame.draw(into: &b, rect: rect, title: title(m), glyphs: m.glyphs)
        guard inner.width > 0, inner.height > 0 else { return }
        drawContent(m, into: &b, rect: inner)
    }
}

/// The box around a panel: the title, focus, and the panels waiting in the same slot.
enum PanelFrame {
    /// Draws the box; returns its inside. A focused panel's box is drawn in the
    /// highlight colour; `waiting` names the panels behind this one (`Tab` brings
    /// them up) at the right of the top edge, and the title gives way to them.
    @discardableResult
    static func draw(into b: inout CellBuffer, rect: Rect, title: String, glyphs: Glyphs, focused: Bool = false,
                     waiting: [String] = [], hint: String? = nil) -> Rect {
        b.box(rect, glyphs: glyphs, role: focused ? .highlight : .border)
        guard rect.width > 6 else { return rect.inset(1) }
        var right = rect.maxX - 2
        var notes = waiting.map { ("+" + $0, StyleRole.inactive) }
        if let hint { notes.insert((hint, .highlight), at: 0) }
        for (n, role) in notes.reversed() {
            let text = " " + n + " "
            let start = right - text.unicodeScalars.count
            guard start > rect.x + 12 else { break }
            b.write(text, x: start, y: rect.y, role: role)
            right = start
        }
        let room = right - (rect.x + 2) - 1
        if room > 2 {
            let t = " " + Format.cutRight(title, room - 2, glyphs: glyphs) + " "
            b.write(t, x: rect.x + 2, y: rect.y, role: .title, attributes: .bold)
        }
        return rect.inset(1)
    }
}
