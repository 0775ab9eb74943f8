import Testing
@testable import Monitor

@Suite struct ThemeTests {
    @Test func parsesHexGreyDecimalAndEmpty() throws {
        let c = try ThemeParser.parse("""
        # comment
        theme[main_bg]="#2E3440"
        theme[main_fg]="#cc"
        theme[title]="236 239 244"
        theme[hi_fg]=""

        theme[proc_misc] = "#0de756"
        """, file: "t.theme")
        #expect(c["main_bg"] == .rgb(0x2E, 0x34, 0x40))
        #expect(c["main_fg"] == .rgb(0xCC, 0xCC, 0xCC))
        #expect(c["title"] == .rgb(236, 239, 244))
        #expect(c["hi_fg"] == .terminalDefault)
        #expect(c["proc_misc"] == .rgb(0x0D, 0xE7, 0x56))
    }

    @Test func badValueNamesFileLineKeyAndExpectation() {
        #expect(throws: ThemeParser.ThemeError(file: "x.theme", line: 2, message:
            "theme[main_fg]: expected \"#RRGGBB\", \"#GG\", \"R G B\" (0-255) or \"\", received \"#GGHHII\"")) {
            try ThemeParser.parse("theme[main_bg]=\"#000000\"\ntheme[main_fg]=\"#GGHHII\"", file: "x.theme")
        }
        #expect(throws: ThemeParser.ThemeError.self) { try ThemeParser.parse("color = red", file: "x") }
        #expect(throws: ThemeParser.ThemeError.self) { try ThemeParser.parse("theme[a]=\"1 2 300\"", file: "x") }
        #expect(throws: ThemeParser.ThemeError.self) { try ThemeParser.parse("theme[a]=\"#12", file: "x") }
    }

    @Test func builtinDefaultMatchesShippedDefaultFile() throws {
        #expect(Theme.builtinDefault.colors.count == 24)
        let shipped = ThemeLoader.load(path: Fixtures.root + "/../../../themes/default.theme", name: "default")
        #expect(shipped.problem == nil)
        #expect(shipped.theme == Theme.builtinDefault)
    }

    @Test func shippedThemesAllParse() throws {
        let loader = ThemeLoader(directories: [Fixtures.root + "/../../../themes"])
        let names = loader.availableNames()
        #expect(names.count >= 4)
        #expect(names.first == "default")
        #expect(names.contains("mono"))
        for n in names {
            let r = loader.load(n)
            #expect(r.problem == nil, "\(n): \(r.problem ?? "")")
            #expect(r.theme.name == n)
        }
    }

    @Test func missingKeysFallBackToDefault() {
        let r = ThemeLoader.load(path: Fixtures.path("themes/partial.theme"), name: "partial")
        #expect(r.problem == nil)
        #expect(r.theme.color("main_bg") == .rgb(0x10, 0x18, 0x20))
        #expect(r.theme.color("hi_fg") == .rgb(255, 128, 0))
        #expect(r.theme.color("cpu_end") == Theme.builtinDefault.color("cpu_end"))
    }

    @Test func badFileGivesDefaultThemeAndClearMessage() {
        let r = ThemeLoader.load(path: Fixtures.path("themes/broken.theme"), name: "broken")
        #expect(r.theme == Theme.builtinDefault)
        let p = r.problem ?? ""
        #expect(p.contains("broken.theme:2"))
        #expect(p.contains("theme[main_fg]"))
        #expect(p.contains("using the default theme"))
        let missing = ThemeLoader(directories: [Fixtures.path("themes")]).load("nope")
        #expect(missing.theme == Theme.builtinDefault)
        #expect(missing.problem?.contains("\"nope\" not found") == true)
    }

    @Test func crlfFilesParse() {
        let r = ThemeLoader.load(path: Fixtures.path("themes/crlf.theme"), name: "crlf")
        #expect(r.problem == nil)
        #expect(r.theme.color("title") == .terminalDefault)
    }

    @Test func searchPathOrder() {
        let l = ThemeLoader.standard(environment: ["DASHBOARD_THEMES": "/a:/b"], cwd: "/work", executablePath: "/repo/.build/debug/dashboard")
        #expect(Array(l.directories.prefix(4)) == ["/a", "/b", "/work/themes", "/repo/.build/debug/themes"])
        #expect(l.directories.contains("/repo/themes"))
    }

    @Test func rolesMapToThemeKeys() {
        let t = ThemeLoader.load(path: Fixtures.path("themes/nord.theme"), name: "nord").theme
        #expect(t.colors(for: .normal).fg == .rgb(0xD8, 0xDE, 0xE9))
        #expect(t.colors(for: .normal).bg == .rgb(0x2E, 0x34, 0x40))
        #expect(t.colors(for: .selected).bg == .rgb(0x4C, 0x56, 0x6A))
    }
}

@Suite struct ColorMapperTests {
    @Test func depthDetection() {
        #expect(ColorDepth.detect(hasColors: true, colors: 0x100_0000, canChangeColor: false, noColor: false) == .direct)
        #expect(ColorDepth.detect(hasColors: true, colors: 256, canChangeColor: true, noColor: false, colorTerm: "truecolor") == .redefinable)
        #expect(ColorDepth.detect(hasColors: true, colors: 256, canChangeColor: true, noColor: false) == .palette256)
        #expect(ColorDepth.detect(hasColors: true, colors: 256, canChangeColor: false, noColor: false) == .palette256)
        #expect(ColorDepth.detect(hasColors: true, colors: 8, canChangeColor: false, noColor: false) == .eight)
        #expect(ColorDepth.detect(hasColors: true, colors: 0x100_0000, canChangeColor: true, noColor: true) == .none)
        #expect(ColorDepth.detect(hasColors: false, colors: 0, canChangeColor: false, noColor: false) == .none)
    }

    @Test func truecolorIsPacked() {
        #expect(ColorMapper.number(.rgb(0x2E, 0x34, 0x40), depth: .direct) == 0x2E3440)
        #expect(ColorMapper.number(.terminalDefault, depth: .direct) == -1)
        #expect(ColorMapper.number(.rgb(1, 2, 3), depth: .none) == -1)
        #expect(ColorMapper.number(.rgb(1, 2, 3), depth: .redefinable, slot: 17) == 17)
    }

    @Test func cube256() {
        #expect(ColorMapper.nearest256(255, 0, 0) == 196)
        #expect(ColorMapper.nearest256(0, 0, 0) == 16)
        #expect(ColorMapper.nearest256(255, 255, 255) == 231)
        #expect(ColorMapper.nearest256(0x87, 0xAF, 0xD7) == 110)   // exact cube colour
        #expect(ColorMapper.nearest256(0x80, 0x80, 0x80) == 244)   // grey ramp: 8 + 10 × 12 = 128
        #expect(ColorMapper.nearest256(0x2E, 0x34, 0x40) == 237)   // nord background → grey 58
    }

    @Test func eightColourPairsKeepTextVisible() {
        #expect(ColorMapper.pair(fg: .rgb(0x40, 0x40, 0x40), bg: .terminalDefault, depth: .eight) == (-1, -1))
        #expect(ColorMapper.pair(fg: .rgb(0x20, 0x20, 0x20), bg: .rgb(0, 0, 0), depth: .eight) == (-1, 0))
        #expect(ColorMapper.pair(fg: .rgb(250, 0, 0), bg: .terminalDefault, depth: .eight) == (1, -1))
        #expect(ColorMapper.pair(fg: .rgb(0x40, 0x40, 0x40), bg: .terminalDefault, depth: .palette256) == (238, -1))
    }

    @Test func eightColours() {
        #expect(ColorMapper.nearest8(250, 10, 10) == 1)
        #expect(ColorMapper.nearest8(10, 200, 10) == 2)
        #expect(ColorMapper.nearest8(0x2E, 0x34, 0x40) == 0)
        #expect(ColorMapper.nearest8(0xCC, 0xCC, 0xCC) == 7)
        #expect(ColorMapper.nearest8(0x5E, 0x81, 0xAC) == 4 || ColorMapper.nearest8(0x5E, 0x81, 0xAC) == 6)
    }
}
