import Engine

/// A remote column's round trip as a stacked bar of text cells: where the mean
/// request's time went, in four groups a reader can tell apart without colour.
///
/// `c` the client (encode and decode), `~` the wire and queues, `q` the server's
/// queue, `s` the server's work (decode, compute, encode). Each group gets cells
/// in proportion to its share of the summed means (largest remainder, so the
/// cells always fill the width); a group with any time gets at least one cell
/// when the width allows.
public enum BreakdownBar {
    /// A group of parts drawn with one glyph.
    public struct Group: Sendable, Equatable {
        public var glyph: Character
        public var name: String
        public var parts: [BreakdownPart]
    }

    public static let groups: [Group] = [
        Group(glyph: "c", name: "client", parts: [.clientEncode, .clientDecode]),
        Group(glyph: "~", name: "wire", parts: [.wire]),
        Group(glyph: "q", name: "queue", parts: [.serverQueue]),
        Group(glyph: "s", name: "server", parts: [.serverDecode, .serverCompute, .serverEncode]),
    ]

    /// `c client ~ wire q queue s server`, for a legend line.
    public static var legend: String { groups.map { "\($0.glyph) \($0.name)" }.joined(separator: " ") }

    /// The cells of each group, in `groups` order, summing to `width` (all 0 when nothing was measured).
    public static func cells(_ b: BreakdownFigures, width: Int) -> [Int] {
        let micros = groups.map { g in g.parts.reduce(0.0) { $0 + Swift.max(0, b[$1].mean) } }
        let total = micros.reduce(0, +)
        guard total > 0, width > 0 else { return groups.map { _ in 0 } }
        var cells = micros.map { Int(($0 / total * Double(width)).rounded(.down)) }
        // Every group that took time shows, taking a cell from the widest when needed.
        for i in cells.indices where micros[i] > 0 && cells[i] == 0 && cells.reduce(0, +) < width { cells[i] = 1 }
        for i in cells.indices where micros[i] > 0 && cells[i] == 0 {
            if let widest = cells.indices.max(by: { cells[$0] < cells[$1] }), cells[widest] > 1 { cells[widest] -= 1; cells[i] = 1 }
        }
        // The remaining cells go to the largest remainders.
        let order = cells.indices.sorted { a, b in
            micros[a] / total * Double(width) - Double(cells[a]) > micros[b] / total * Double(width) - Double(cells[b])
        }
        var k = 0
        while cells.reduce(0, +) < width { cells[order[k % order.count]] += 1; k += 1 }
        return cells
    }

    /// The bar's text, `width` cells.
    public static func text(_ b: BreakdownFigures, width: Int) -> String {
        var s = ""
        for (g, n) in zip(groups, cells(b, width: width)) { s += String(repeating: g.glyph, count: n) }
        return s
    }
}
