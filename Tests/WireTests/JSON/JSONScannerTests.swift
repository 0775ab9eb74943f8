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
}
