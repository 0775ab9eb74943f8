import Engine
import Foundation

/// The decision matrix: stars per factor, weighted score, where a remote
/// column's round trip goes (`BreakdownBar`), recommendation, and each measured
/// column's bottleneck verdict (`BottleneckRules`), one line each.
public enum MatrixPanel: ScreenPanel {
    /// A column's heading, `*` when projected, shortened (`Rem b1*`) to keep a space before it.
    static func label(_ s: String, projected: Bool, width: Int) -> String {
        guard projected else { return s }
        return s.count + 1 < width ? s + "*" : s.replacingOccurrences(of: "Remote ", with: "Rem ") + "*"
    }

    /// A verdict line in the screen's glyphs (ASCII terminals get `us` and `-`).
    static func verdictText(_ line: String, glyphs: Glyphs) -> String {
        guard !glyphs.isUTF8 else { return line }
        return line.replacingOccurrences(of: "µ", with: "u").replacingOccurrences(of: "—", with: "-")
    }

    static func title(_ m: ScreenModel) -> String {
        guard let rtt = m.state.assumedRTTMillis else { return "Decision matrix" }
        let at = WhatIfNetwork.label(rtt)
        return m.matrix.columns.contains(where: \.isProjected)
            ? "Decision matrix " + m.glyphs.dash + " * projected, " + at + " RTT"
            : "Decision matrix " + m.glyphs.dash + " at " + at + ": projected once a remote mode finished a generation"
    }

    static func drawContent(_ m: ScreenModel, into b: inout CellBuffer, rect inner: Rect) {
        let g = m.glyphs, mx = m.matrix
        let labelW = 15
        let colW = Swift.max(8, (inner.width - 1 - labelW) / 3)
        var x = b.write(Format.pad("factor  weight", labelW), x: inner.x + 1, y: inner.y, role: .label, clip: inner)
        for col in mx.columns {
            let rec = mx.recommended == col.column
            x = b.write(Format.padLeft(label(m.shortLabel(col.column), projected: col.isProjected, width: colW), colW), x: x, y: inner.y,
                        role: rec ? .selected : .label, attributes: rec ? .bold : [], clip: inner)
        }
        var y = inner.y + 1
        for f in DecisionMatrix.Factor.allCases where y < inner.maxY {
            let label = Format.pad(f.shortName, 10) + Format.padLeft("\(Int(f.weight * 100))%", 4)
            x = b.write(Format.pad(label, labelW), x: inner.x + 1, y: y, clip: inner)
            for col in mx.columns {
                let rec = mx.recommended == col.column
                if let n = col.stars(for: f) {
                    var s = String.UnicodeScalarView()
                    for i in 0..<5 { s.append(i < n ? g.starFull : g.starEmpty) }
                    x = b.write(Format.padLeft(String(s), colW), x: x, y: y, role: rec ? .highlight : .warning, clip: inner)
                } else {
                    x = b.write(Format.padLeft(g.dash, colW), x: x, y: y, role: .inactive, clip: inner)
                }
            }
            y += 1
        }
        if y < inner.maxY {
            x = b.write(Format.pad("Weighted score", labelW), x: inner.x + 1, y: y, attributes: .bold, clip: inner)
            for col in mx.columns {
                let rec = mx.recommended == col.column
                let text = col.score.map { Format.fixed($0, 2) + "/5" } ?? g.dash
                x = b.write(Format.padLeft(text, colW), x: x, y: y, role: rec ? .selected : (col.score == nil ? .inactive : .normal),
                            attributes: .bold, clip: inner)
            }
            y += 1
        }
        let splits = mx.columns.map { col in col.projected?.breakdown ?? col.mode.flatMap { m.snapshot.figures(for: $0)?.breakdown } }
        if y < inner.maxY, splits.contains(where: { $0 != nil }) {
            x = b.write(Format.pad("Round trip", labelW), x: inner.x + 1, y: y, role: .label, clip: inner)
            for split in splits {
                let text = split.map { " " + BreakdownBar.text($0, width: colW - 1) } ?? Format.padLeft(g.dash, colW)
                x = b.write(text, x: x, y: y, role: split == nil ? .inactive : .graph, clip: inner)
            }
            y += 1
        }
        if y < inner.maxY {
            if let r = mx.recommended {
                let name = mx.columns.first { $0.column == r }?.mode.map { "\($0)" } ?? r.rawValue
                let xx = b.write("Recommended: ", x: inner.x + 1, y: y, role: .label, clip: inner)
                b.write(name, x: xx, y: y, role: .selected, attributes: .bold, clip: inner)
            } else {
                b.write("Recommended: nothing measured yet", x: inner.x + 1, y: y, role: .inactive, clip: inner)
            }
            y += 1
        }
        // The current mode's verdict first: a small panel has room for one.
        let current = m.snapshot.currentMode.column
        for col in mx.columns.filter({ $0.column == current }) + mx.columns.filter({ $0.column != current }) where y < inner.maxY {
            guard let verdict = m.figures(for: col.column)?.bottleneck else { continue }
            let line = verdictText(verdict.line(label: m.shortLabel(col.column)), glyphs: g)
            b.write(Format.cutRight(line, inner.width - 1, glyphs: g), x: inner.x + 1, y: y,
                    role: verdict.kind == .balanced ? .inactive : .normal, clip: inner)
            y += 1
        }
        if y < inner.maxY {
            let missing = mx.columns.filter { !$0.isMeasured }.map { m.shortLabel($0.column) }
            // Server parts from the server's v2 statistics are a window's mean, not each request's: say so.
            let fromStatistics = splits.contains { $0?.source == .statistics }
            let text = splits.contains(where: { $0 != nil }) ? "round trip: " + BreakdownBar.legend + (fromStatistics ? " (server: /stats means)" : "")
                : missing.isEmpty ? "stars = 1 + round(4 " + g.times + " figure/best)"
                : "not measured yet: " + missing.joined(separator: ", ") + (m.remoteAvailable ? " (a probes)" : "")
            b.write(text, x: inner.x + 1, y: y, role: .inactive, clip: inner)
        }
    }
}
