import Foundation

/// The screen as an SVG image: every cell of the cell buffer with its character,
/// theme colours and attributes, in a monospace font, so it opens in any browser.
///
/// Each row is one `<text>`: runs of ASCII cells of one style are one `<tspan>`,
/// every other character (box drawing, braille, stars) a `<tspan>` of its own at
/// its cell's x, so the picture lines up whatever font, or fallback font, draws
/// the glyphs. Cells with a background of their own
/// (selected, reversed) get a `<rect>` behind the text. A row's text, read back
/// with the spans joined, is the row as the terminal shows it.
public enum SVGScreenshot {
    /// Cell size in pixels at font size 14.
    static let cellWidth = 8.4, cellHeight = 17.0, fontSize = 14.0
    /// Colours for the terminal's own foreground and background (`theme[x]=""`).
    static let terminalForeground = "#cccccc", terminalBackground = "#1c1c1c"

    struct Style: Equatable {
        var fg: String, bg: String?
        var bold: Bool, dim: Bool, underline: Bool
    }

    static func hex(_ c: ThemeColor) -> String? {
        guard case let .rgb(r, g, b) = c else { return nil }
        return "#" + [r, g, b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    static func style(_ cell: Cell, theme: Theme) -> Style {
        let (f, b) = theme.colors(for: cell.role)
        let main = hex(theme.color("main_bg"))
        var fg = hex(f) ?? terminalForeground
        var bg = hex(b).flatMap { $0 == main ? nil : $0 }
        if cell.attributes.contains(.reverse) {
            let oldBg = bg ?? main ?? terminalBackground
            bg = fg
            fg = oldBg
        }
        return Style(fg: fg, bg: bg, bold: cell.attributes.contains(.bold), dim: cell.attributes.contains(.dim),
                     underline: cell.attributes.contains(.underline))
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    static func num(_ v: Double) -> String { Format.fixed(v, 1) }

    /// The SVG document for `buffer` drawn in `theme`.
    public static func render(_ buffer: CellBuffer, theme: Theme) -> String {
        let w = Double(buffer.width) * cellWidth, h = Double(buffer.height) * cellHeight
        let page = hex(theme.color("main_bg")) ?? terminalBackground
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(num(w))" height="\(num(h))" viewBox="0 0 \(num(w)) \(num(h))">
        <title>dashboard \(buffer.width)×\(buffer.height)</title>
        <rect width="100%" height="100%" fill="\(page)"/>
        <g font-family="DejaVu Sans Mono, Menlo, Consolas, Liberation Mono, monospace" font-size="\(num(fontSize))">

        """
        for y in 0..<buffer.height {
            let styles = (0..<buffer.width).map { style(buffer[$0, y], theme: theme) }
            out += backgrounds(styles, y: y)
            out += row(buffer, y: y, styles: styles)
        }
        out += "</g>\n</svg>\n"
        return out
    }

    private static func backgrounds(_ styles: [Style], y: Int) -> String {
        var out = "", x = 0
        while x < styles.count {
            guard let bg = styles[x].bg else { x += 1; continue }
            var end = x + 1
            while end < styles.count && styles[end].bg == bg { end += 1 }
            out += "<rect x=\"\(num(Double(x) * cellWidth))\" y=\"\(num(Double(y) * cellHeight))\" width=\"\(num(Double(end - x) * cellWidth))\" height=\"\(num(cellHeight))\" fill=\"\(bg)\"/>\n"
            x = end
        }
        return out
    }

    private static func row(_ buffer: CellBuffer, y: Int, styles: [Style]) -> String {
        var width = buffer.width
        while width > 0 && buffer[width - 1, y].scalar == " " && styles[width - 1].bg == nil { width -= 1 }
        guard width > 0 else { return "" }
        let baseline = Double(y) * cellHeight + cellHeight * 0.78
        var out = "<text y=\"\(num(baseline))\" xml:space=\"preserve\">"
        var x = 0
        while x < width {
            // A span is a run of ASCII cells of one style, or one other character alone: a glyph
            // from a fallback font (braille) may be wider than the cell, and renderers such as
            // librsvg ignore per-character x lists and textLength, so each such glyph is placed itself.
            let ascii = buffer[x, y].scalar.isASCII
            var end = x + 1
            while ascii && end < width && styles[end] == styles[x] && buffer[end, y].scalar.isASCII { end += 1 }
            var text = String.UnicodeScalarView()
            for i in x..<end { text.append(buffer[i, y].scalar) }
            out += span(String(text), x: x, style: styles[x])
            x = end
        }
        return out + "</text>\n"
    }

    private static func span(_ text: String, x: Int, style s: Style) -> String {
        var attrs = "x=\"\(num(Double(x) * cellWidth))\" fill=\"\(s.fg)\""
        if s.bold { attrs += " font-weight=\"bold\"" }
        if s.dim { attrs += " fill-opacity=\"0.6\"" }
        if s.underline { attrs += " text-decoration=\"underline\"" }
        return "<tspan \(attrs)>\(escape(text))</tspan>"
    }

    /// Writes the SVG of `buffer` to `path` atomically (a temporary file beside it, then rename).
    public static func write(_ buffer: CellBuffer, theme: Theme, to path: String) throws {
        let tmp = (path as NSString).deletingLastPathComponent + "/." + (path as NSString).lastPathComponent + ".\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: tmp, contents: Data(render(buffer, theme: theme).utf8)) else {
            throw CSVSnapshot.WriteError(description: "SVG screenshot: cannot write \(tmp)")
        }
        guard rename(tmp, path) == 0 else {
            let e = errno
            try? FileManager.default.removeItem(atPath: tmp)
            throw CSVSnapshot.WriteError(description: "SVG screenshot: cannot rename \(tmp) to \(path): errno \(e)")
        }
    }
}
