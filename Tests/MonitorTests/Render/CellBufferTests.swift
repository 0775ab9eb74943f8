import Testing
@testable import Monitor

@Suite struct CellBufferTests {
    @Test func writeClipsToBufferAndRect() {
        var b = CellBuffer(width: 6, height: 2)
        b.write("hello world", x: 1, y: 0)
        b.write("abc", x: 0, y: 1, clip: Rect(x: 0, y: 1, width: 2, height: 1))
        #expect(b.text == " hello\nab\n")
    }

    @Test func boxWithTitleUTF8AndASCII() {
        var b = CellBuffer(width: 10, height: 3)
        b.box(b.bounds, title: "Hi", glyphs: .utf8)
        #expect(b.text == "┌─ Hi ───┐\n│        │\n└────────┘\n")
        b.clear()
        b.box(b.bounds, title: "Hi", glyphs: .ascii)
        #expect(b.text == "+- Hi ---+\n|        |\n+--------+\n")
    }

    @Test func roleAndAttributesAreKept() {
        var b = CellBuffer(width: 3, height: 1)
        b.write("x", x: 1, y: 0, role: .bad, attributes: .bold)
        #expect(b[1, 0] == Cell("x", role: .bad, attributes: .bold))
        #expect(b[0, 0] == .blank)
    }

    @Test func resizeToSameSizeOnlyClears() {
        var b = CellBuffer(width: 4, height: 2)
        b.write("abcd", x: 0, y: 0)
        b.resize(width: 4, height: 2)
        #expect(b.text == "\n\n")
        b.resize(width: 2, height: 1)
        #expect(b.width == 2 && b.height == 1)
    }

    @Test func sparklineLevelsScaleToLargestShown() {
        #expect(Sparkline.levels([0, 1, 2, 3, 4, 5, 6, 7], width: 8) == [0, 1, 2, 3, 4, 5, 6, 7])
        #expect(Sparkline.levels([100, 1, 7], width: 2) == [1, 7])   // only the last 2 count
        #expect(Sparkline.levels([0, 0], width: 4) == [0, 0])
        var b = CellBuffer(width: 5, height: 1)
        Sparkline.draw([1, 2, 4, 8], into: &b, x: 0, y: 0, width: 5, glyphs: .utf8)
        #expect(b.text == " ▂▃▅█\n")
        b.clear()
        Sparkline.draw([1, 2, 4, 8], into: &b, x: 0, y: 0, width: 5, glyphs: .ascii)
        #expect(b.text == " .,=#\n")
    }

    @Test func glyphsFollowTheLocale() {
        #expect(Glyphs.forLocale(["LANG": "en_US.UTF-8"]).isUTF8)
        #expect(!Glyphs.forLocale(["LC_ALL": "C", "LANG": "en_US.UTF-8"]).isUTF8)
        #expect(Glyphs.forLocale(["LC_CTYPE": "C.utf8"]).isUTF8)
        #expect(!Glyphs.forLocale([:]).isUTF8)
    }

    @Test func formatting() {
        #expect(Format.fixed(3.14159, 2) == "3.14")
        #expect(Format.fixed(-0.5, 1) == "-0.5")
        #expect(Format.fixed(2, 0) == "2")
        #expect(Format.micros(35, glyphs: .utf8) == "35µs")
        #expect(Format.micros(1_400_000, glyphs: .ascii) == "1.40s")
        #expect(Format.micros(12_345, glyphs: .utf8) == "12.3ms")
        #expect(Format.rate(12_300) == "12.3k")
        #expect(Format.bytes(52_428_800) == "50.0 MiB")
        #expect(Format.clock(3_725) == "01:02:05")
        #expect(Format.cutLeft("/tmp/abc/file.csv", 9, glyphs: .utf8) == "…file.csv")
    }
}
