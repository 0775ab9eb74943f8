import Testing
@testable import Wire

@Suite struct JSONScannerTests {
    /// Runs `body` on a scanner over `text`; the error's message when it throws.
    static func scan(_ text: String, _ body: (inout JSONScanner) throws(ServingError) -> Void) -> String? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { raw -> String? in
            var s = JSONScanner(UnsafeRawBufferPointer(raw))
            do throws(ServingError) {
                try body(&s)
                try s.expectEnd()
                return nil
            } catch {
                return error.message
            }
        }
    }

    /// Skipping refuses exactly what reading refuses: a skipped key or string is checked
    /// as `readString` checks it, though no String is built for it.
    @Test(arguments: [
        #""a\qb""#,              // unknown escape
        #""\u12G4""#,            // bad hex digit
        #""\u12""#,              // incomplete \u escape
        "\"a\u{01}b\"",          // control character
        #""open"#,               // not closed
    ])
    func skippingAStringRefusesWhatReadingRefuses(string: String) throws {
        let read = try #require(Self.scan(string) { s throws(ServingError) in _ = try s.readString() })
        #expect(Self.scan(string) { s throws(ServingError) in try s.skipValue() } == read)
        // The same string as a key of a skipped object, and as a value in it.
        #expect(Self.scan("{\(string):1}") { s throws(ServingError) in try s.skipValue() } != nil)
        #expect(Self.scan("{\"k\":\(string)}") { s throws(ServingError) in try s.skipValue() } != nil)
    }

    @Test func skippingPassesOverWellFormedStringsWithEscapes() {
        #expect(Self.scan(#"{"a\"b":["\u00e9\n", {"\\":"\ud83d\ude00"}], "c": "plain"}"#) { s throws(ServingError) in try s.skipValue() } == nil)
    }

    /// Where `skipContainer` and `skipValue` each leave the scanner on `text`, or the error.
    static func ends(_ text: String) -> (container: Result<Int, ServingError>, value: Result<Int, ServingError>) {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { raw in
            func run(_ skip: (inout JSONScanner) throws(ServingError) -> Void) -> Result<Int, ServingError> {
                var s = JSONScanner(UnsafeRawBufferPointer(raw))
                do throws(ServingError) { try skip(&s); return .success(s.index) } catch { return .failure(error) }
            }
            return (run { s throws(ServingError) in try s.skipContainer() }, run { s throws(ServingError) in try s.skipValue() })
        }
    }

    /// On well-formed JSON, passing over by brackets ends where the full skip ends:
    /// brackets, quotes and backslashes inside strings do not count.
    @Test(arguments: [
        #"{"a": [1, {"b": "}]"}], "c\"]": "\\", "d": {}} , 5"#,
        #"  [[], [[["x]"]]], {"k": "\"{"}] rest"#,
        #"{"nested": {"deep": [[[[{"e": -1.5e3}]]]]}, "s": "\u005d"}"#,
        #"{}"#, #"[]"#, #""plain" tail"#, #"-12.5, 3"#, #"true]"#,
    ])
    func bracketsEndWhereTheFullSkipEnds(text: String) throws {
        let (container, value) = Self.ends(text)
        #expect(try container.get() == value.get())
    }

    /// A container the body ends inside is refused, naming where it started.
    @Test(arguments: [#"{"a": [1, 2]"#, #"[{"a": "]}"]"#, #"{"a": "\"#])
    func aContainerCutShortIsRefused(text: String) {
        guard case .failure(let error) = Self.ends(text).container else {
            Issue.record("skipped \(text) without an error")
            return
        }
        #expect(error.message.contains("that starts at byte 0"), "\(error.message)")
    }

    /// What brackets alone cannot see (a bad number, a missing comma, a control character)
    /// passes here: the value's decoder refuses it, the full skip would have.
    @Test func onlyTheBracketsAreChecked() {
        let text = "{\"a\": 1..2 \"b\" \"x\u{01}y\"}"
        #expect(throws: Never.self) { try Self.ends(text).container.get() }
        #expect(throws: ServingError.self) { try Self.ends(text).value.get() }
    }
}
