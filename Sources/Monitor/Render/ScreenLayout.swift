/// Where each panel goes for a terminal size: the charts take the room, the tables
/// keep the rows they need, and on small screens several panels share a slot (the
/// focused one, or the one focused last, is shown; `Tab` brings the others up).
///
///     header                                    4 rows
///     latency chart    | training chart         charts: what is left
///     throughput chart | spectrum               (one row of shared slots below 45 rows)
///     percentiles table                         6 rows (from 52 rows; else shares the rates slot)
///     rates            | decision matrix        13 rows from 52 rows (room for the bottleneck verdicts), else 10
///     threads          | events                 8-10 rows (below 36 rows: shares the rates slot)
///     event line, key line                      1 row each
///
/// With a panel expanded (`e`) it takes everything between the header and the event line.
public struct ScreenLayout: Sendable, Equatable {
    public static let minWidth = 100
    public static let minHeight = 30

    /// One rectangle of the screen and the panels that take turns in it (first shown by default).
    public struct Slot: Sendable, Equatable {
        public var rect: Rect
        public var panels: [PanelID]
    }

    public var header: Rect, eventLine: Rect, keyLine: Rect
    public var slots: [Slot]

    /// The slot a panel is drawn in.
    public func slot(of panel: PanelID) -> Slot? { slots.first { $0.panels.contains(panel) } }

    /// The layout, or nil when the terminal is smaller than `minWidth` × `minHeight`.
    public static func compute(width w: Int, height h: Int, expanded: PanelID? = nil) -> ScreenLayout? {
        guard w >= minWidth, h >= minHeight else { return nil }
        let body = h - 6
        var out = ScreenLayout(header: Rect(x: 0, y: 0, width: w, height: 4), eventLine: Rect(x: 0, y: h - 2, width: w, height: 1),
                               keyLine: Rect(x: 0, y: h - 1, width: w, height: 1), slots: [])
        if let e = expanded {
            out.slots = [Slot(rect: Rect(x: 0, y: 4, width: w, height: body), panels: [e])]
            return out
        }
        var y = 4
        let left = w / 2, right = w - left
        func pair(_ height: Int, _ l: [PanelID], _ r: [PanelID]) {
            out.slots.append(Slot(rect: Rect(x: 0, y: y, width: left, height: height), panels: l))
            out.slots.append(Slot(rect: Rect(x: left, y: y, width: right, height: height), panels: r))
            y += height
        }
        func full(_ height: Int, _ p: [PanelID]) {
            out.slots.append(Slot(rect: Rect(x: 0, y: y, width: w, height: height), panels: p))
            y += height
        }
        switch body {
        case 46...:
            let threads = Swift.max(10, (body - 19) / 4)
            let charts = body - 19 - threads
            pair(charts - charts / 2, [.latencyChart], [.trainingChart])
            pair(charts / 2, [.throughputChart], [.spectrum])
            full(6, [.latencyTable])
            pair(13, [.rates], [.matrix])
            pair(threads, [.threads], [.events])
        case 39..<46:
            let charts = body - 19
            pair(charts - charts / 2, [.latencyChart], [.trainingChart])
            pair(charts / 2, [.throughputChart], [.spectrum])
            pair(10, [.rates, .latencyTable], [.matrix])
            pair(9, [.threads], [.events])
        case 30..<39:
            pair(body - 18, [.latencyChart, .throughputChart], [.trainingChart, .spectrum])
            pair(10, [.rates, .latencyTable], [.matrix])
            pair(8, [.threads], [.events])
        default:
            pair(body - 10, [.latencyChart, .throughputChart], [.trainingChart, .spectrum])
            pair(10, [.rates, .latencyTable, .threads, .events], [.matrix])
        }
        return out
    }
}
