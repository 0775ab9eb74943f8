import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Monitor

/// Reads an SVG back: the text of each `<text>` row and the fills used.
final class SVGReader: NSObject, XMLParserDelegate {
    var rows: [String] = []
    var fills: Set<String> = []
    var bold = 0
    private var inText = false

    static func read(_ svg: String) throws -> SVGReader {
        let r = SVGReader()
        let p = XMLParser(data: Data(svg.utf8))
        p.delegate = r
        guard p.parse() else { throw p.parserError ?? CSVSnapshot.WriteError(description: "SVG did not parse") }
        return r
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "text" { inText = true; rows.append("") }
        if let f = attributes["fill"] { fills.insert(f) }
        if attributes["font-weight"] == "bold" { bold += 1 }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { inText = false }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { rows[rows.count - 1] += string }
    }
}

@Suite struct SVGScreenshotTests {
    /// The SVG parses as XML, and its rows read back as the screen's text (empty rows have no `<text>`).
    @Test func rowsReadBackAsTheScreen() throws {
        var b = CellBuffer(width: 140, height: 45)
        Screen.render(Fixtures.model(), into: &b)
        let theme = Theme.builtinDefault
        let svg = SVGScreenshot.render(b, theme: theme)
        let r = try SVGReader.read(svg)
        let lines = b.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        // Cells with a background of their own (the key line) keep their trailing spaces in the SVG.
        let trimmed = r.rows.map { row in String(row.reversed().drop { $0 == " " }.reversed()) }
        #expect(trimmed == lines.filter { !$0.isEmpty })
        #expect(svg.contains("<title>dashboard 140×45</title>"))
        #expect(svg.contains("width=\"1176.0\" height=\"765.0\""))
        // Theme colours: the p99 line (cpu_end), the border (cpu_box), the selected key line background.
        #expect(r.fills.isSuperset(of: ["#fa1e1e", "#556d59", "#6a2f2f"]))
        #expect(r.bold > 0)
    }

    @Test func markupInTextIsEscaped() throws {
        var b = CellBuffer(width: 20, height: 1)
        b.write("a<b & \"c\">", x: 0, y: 0)
        let svg = SVGScreenshot.render(b, theme: .builtinDefault)
        #expect(svg.contains("a&lt;b &amp; &quot;c&quot;&gt;"))
        #expect(try SVGReader.read(svg).rows == ["a<b & \"c\">"])
    }

    @Test func reverseSwapsColours() {
        var b = CellBuffer(width: 3, height: 1)
        b.write("OK", x: 0, y: 0, role: .good, attributes: [.reverse, .bold])
        let s = SVGScreenshot.style(b[0, 0], theme: .builtinDefault)
        #expect(s.bg == "#50f095")
        #expect(s.fg == SVGScreenshot.terminalBackground)
        #expect(s.bold)
    }

    @Test func writesAtomically() throws {
        let dir = NSTemporaryDirectory() + "svg-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var b = CellBuffer(width: 4, height: 1)
        b.write("hi", x: 0, y: 0)
        try SVGScreenshot.write(b, theme: .builtinDefault, to: dir + "/s.svg")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["s.svg"])
        #expect(throws: CSVSnapshot.WriteError.self) { try SVGScreenshot.write(b, theme: .builtinDefault, to: dir + "/missing/s.svg") }
    }
}
