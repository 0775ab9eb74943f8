/// The keys, always on screen: as many as fit, the least used dropped first; `?` and `q` always.
public enum KeyLine {
    public static func draw(_ m: ScreenModel, into b: inout CellBuffer, rect: Rect) {
        b.fill(rect, " ", role: .selected)
        let s = m.state
        // (key, label, priority: lower stays longer)
        var keys: [(String, String, Int)] = [
            ("c", "cpu", 1), ("r", "remote", 1), ("b", "batch \(s.batchSize)", 1), ("+/-", "N", 3),
            ("a", s.probe == nil ? "probe" : "stop probe", 2), ("s", "snapshot", 2),
            ("space", s.paused ? "resume" : "pause", 2), ("[ ]", s.window.label, 1), ("Tab", "focus", 2),
            ("e", s.expanded ? "back" : "expand", 2), ("< >", "rtt " + WhatIfNetwork.label(s.assumedRTTMillis), 3), ("t", "theme:" + m.themeName, 4), ("?", "help", 0), ("q", "quit", 0),
        ]
        func width(_ k: [(String, String, Int)]) -> Int { k.reduce(1) { $0 + $1.0.count + $1.1.unicodeScalars.count + 3 } }
        while width(keys) > rect.width, let worst = keys.map(\.2).max(), worst > 0 {
            keys.remove(at: keys.lastIndex { $0.2 == worst }!)
        }
        var x = rect.x + 1
        for (k, label, _) in keys {
            x = b.write(k, x: x, y: rect.y, role: .selected, attributes: .bold, clip: rect)
            x = b.write(" " + label + "  ", x: x, y: rect.y, role: .selected, clip: rect)
        }
    }
}
