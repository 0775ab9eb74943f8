/// Shown instead of the panels when the terminal is smaller than the layout needs.
public enum TooSmallScreen {
    public static func message(width: Int, height: Int, glyphs: Glyphs) -> String {
        "terminal too small: need \(ScreenLayout.minWidth)\(glyphs.times)\(ScreenLayout.minHeight), "
            + "have \(width)\(glyphs.times)\(height) \(glyphs.dash) q quits"
    }

    public static func draw(into b: inout CellBuffer, glyphs: Glyphs) {
        let text = message(width: b.width, height: b.height, glyphs: glyphs)
        // Wrap at spaces so the message fits a very narrow terminal too.
        var lines: [String] = []
        var cur = ""
        for word in text.split(separator: " ") {
            if !cur.isEmpty && cur.unicodeScalars.count + 1 + word.unicodeScalars.count > b.width {
                lines.append(cur); cur = ""
            }
            cur += (cur.isEmpty ? "" : " ") + word
        }
        if !cur.isEmpty { lines.append(cur) }
        let top = Swift.max(0, (b.height - lines.count) / 2)
        for (i, l) in lines.enumerated() {
            let n = l.unicodeScalars.count
            b.write(l, x: Swift.max(0, (b.width - n) / 2), y: top + i, role: .warning, attributes: .bold)
        }
    }
}
