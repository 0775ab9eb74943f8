import Testing
@testable import Engine

@Suite struct INIFileTests {
    @Test func readsLikeConfigparser() throws {
        let text = "# comment\n; another\n[A]\nKey = 1\nother: two words\n  continued\nempty =\n\r\n[B]\nx=3\r\n"
        let ini = try INIFile(text: text, path: "t.ini")
        #expect(ini.sections.map(\.name) == ["A", "B"])
        #expect(ini.section("A")?.entry("key")?.value == "1")
        #expect(ini.section("A")?.entry("key")?.line == 4)
        #expect(ini.section("A")?.entry("other")?.value == "two words continued")
        #expect(ini.section("A")?.entry("empty")?.value == "")
        #expect(ini.section("B")?.entry("x")?.value == "3")
        #expect(ini.section("B")?.line == 9)
        #expect(ini.section("a") == nil)  // section names are case-sensitive
    }

    @Test func valueKeepsInlineHash() throws {
        let ini = try INIFile(text: "[A]\nn = 150 # big\n", path: "t.ini")
        #expect(ini.section("A")?.entry("n")?.value == "150 # big")
    }

    @Test func errorsNameTheLine() {
        #expect(throws: INIFile.SyntaxError(path: "t.ini", line: 2, message: "malformed line \"oops\": expected `key = value`, a [Section] header or a # comment")) {
            try INIFile(text: "[A]\noops\n", path: "t.ini")
        }
        #expect(throws: INIFile.SyntaxError.self) { try INIFile(text: "k = 1\n", path: "t.ini") }
        #expect(throws: INIFile.SyntaxError.self) { try INIFile(text: "[A]\nk = 1\nK = 2\n", path: "t.ini") }
        #expect(throws: INIFile.SyntaxError.self) { try INIFile(text: "[A]\n[A]\n", path: "t.ini") }
        #expect(throws: INIFile.SyntaxError.self) { try INIFile(text: "[A]\n = 2\n", path: "t.ini") }
    }

    @Test func equallyIndentedKeysAreSeparate() throws {
        // A config pasted from an indented Python string: every line has the same indentation.
        let ini = try INIFile(text: "    [A]\n    a = 1\n    b = 2\n        more\n", path: "t.ini")
        #expect(ini.section("A")?.entry("a")?.value == "1")
        #expect(ini.section("A")?.entry("b")?.value == "2 more")
    }
}
