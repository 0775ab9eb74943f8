import Foundation
import Testing
@testable import Wire

@Suite struct FloatMatrixDecoderTests {
    /// Floats whose text is tricky: signed zero, subnormals, extremes, exact and near midpoints.
    static let specials: [Float] = [
        0, -0.0, 1, -1, 0.1, -0.1, 1.0 / 3, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
        .leastNormalMagnitude, .leastNormalMagnitude.nextDown, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
        .ulpOfOne, Float(1).nextUp, 16_777_216, Float(16_777_216).nextUp, 3.4e38, 1e-38, .leastNormalMagnitude.nextUp, .leastNonzeroMagnitude * 5, 123456.789,
    ]

    @Test func shortestTextRoundTripsEveryBit() {
        var rng = SystemRandomNumberGenerator()
        var values = Self.specials
        for _ in 0..<20_000 {
            let f = Float(bitPattern: UInt32.random(in: .min ... .max, using: &rng))
            if f.isFinite { values.append(f) }
        }
        for f in values {
            let parsed = FloatMatrixDecoder.parseFloat(f.description)
            #expect(parsed?.bitPattern == f.bitPattern, "\(f.description) parsed as \(String(describing: parsed))")
        }
    }

    @Test func matchesFloatStringOnLongAndOddTexts() {
        var rng = SystemRandomNumberGenerator()
        var texts: [String] = []
        for _ in 0..<5_000 {
            let f = Float(bitPattern: UInt32.random(in: .min ... .max, using: &rng))
            guard f.isFinite else { continue }
            let next = f.nextUp
            // 17-digit Double text (what Python's json.dumps of a float32 gives).
            texts.append(Double(f).description)
            // The exact midpoint to the next float: ties go to even.
            if next.isFinite {
                let midpoint = (Double(f) + Double(next)) / 2
                texts.append(midpoint.description)
                // 16- and 17-digit texts near the midpoint: their nearest Double is
                // often the midpoint itself although they are not, the case a
                // Double-then-Float conversion gets wrong.
                texts.append(String(format: "%.15e", midpoint))
                texts.append(String(format: "%.16e", midpoint))
            }
            // Random decimal strings with many digits and exponents.
            let digits = (0..<Int.random(in: 1...25, using: &rng)).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
            texts.append("\(Bool.random(using: &rng) ? "-" : "")\(Int.random(in: 1...9, using: &rng)).\(digits)e\(Int.random(in: -50...40, using: &rng))")
        }
        texts += ["0", "-0", "0.0", "1e0", "1E+2", "2.5e-3", "1e39", "1e-46", "1.4e-45", "7.006492e-46",
                  "340282356779733661637539395458142568447", "0.000000000000000000000000000000000000000000001"]
        for text in texts {
            let expected = Float(text)!
            let parsed = FloatMatrixDecoder.parseFloat(text)
            if expected.isFinite {
                #expect(parsed?.bitPattern == expected.bitPattern, "\(text): \(String(describing: parsed)) vs Float(String) \(expected)")
            } else {
                #expect(parsed == nil, "\(text) is beyond Float's range and must be refused, got \(String(describing: parsed))")
            }
        }
    }

    @Test func rejectsNonJSONNumbers() {
        for text in ["", "-", "01", "1.", ".5", "+1", "1e", "1e+", "NaN", "Infinity", "0x10", "1_0"] {
            #expect(FloatMatrixDecoder.parseFloat(text) == nil, "\(text) should be rejected")
        }
    }

    @Test func decodesRowsWithWhitespace() throws {
        let values = try FloatMatrixDecoder.decode(" [ [1, -0.0 ,2.5e-1] ,\n[3,4,5] ] \n", rows: 2, width: 3).get()
        #expect(values == [1, -0.0, 0.25, 3, 4, 5])
        #expect(values[1].sign == .minus)
        #expect(try FloatMatrixDecoder.decode("[]", rows: 0, width: 3).get() == [])
        #expect(try FloatMatrixDecoder.decode("[[]]", rows: 1, width: 0).get() == [])
    }

    @Test(arguments: [
        ("[[1,2],[3,4]]", "expected 3 rows, received 2"),
        ("[[1,2],[3,4],[5,6],[7,8]]", "expected 3 rows, received more"),
        ("[[1,2],[3],[5,6]]", "row 1: expected 2 numbers, received 1"),
        ("[[1,2],[3,4,9],[5,6]]", "row 1: expected 2 numbers, received more"),
        ("[[1,2],[3,4],[5,6]] x", "expected end of body after the top-level value, found 'x'"),
        ("{\"error\":\"boom\"}", "expected a JSON array"),
        ("[[1,2],[3,null],[5,6]]", "row 1 column 1: malformed JSON at byte 10: expected a number, found 'n'"),
        ("[[1,2],[3,4],[5,1e39]]", "row 2 column 1: number 1e39 at byte 16 is outside the Float range"),
        ("[[1,2],[3,4],[5,6]", "expected ',' or ']' in an array, found end of body"),
        ("", "received end of body"),
    ])
    func reportsWrongShapes(text: String, problem: String) {
        switch FloatMatrixDecoder.decode(text, rows: 3, width: 2) {
        case .success: Issue.record("\(text) should not decode")
        case .failure(let error): #expect(error.description.contains(problem), "\(error.description)")
        }
    }
}
