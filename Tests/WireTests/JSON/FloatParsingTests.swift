import Testing
@testable import Wire

/// A small seeded generator (SplitMix64) so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("FloatParsing")
struct FloatParsingTests {
    /// Parses `text` with the server's scanner.
    static func parse(_ text: String) -> Result<Float, ServingError> {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { raw in
            var s = JSONScanner(UnsafeRawBufferPointer(raw))
            do throws(ServingError) { return .success(try s.readFloat()) } catch { return .failure(error) }
        }
    }

    /// Checks the scanner against `Float(String)`, bit for bit.
    static func check(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = Float(text)!
        switch parse(text) {
        case .success(let f):
            #expect(f.bitPattern == expected.bitPattern, "\(text): got \(f), Float(String) gives \(expected)", sourceLocation: sourceLocation)
        case .failure(let e):
            #expect(!expected.isFinite, "\(text): unexpected error \(e)", sourceLocation: sourceLocation)
        }
    }

    @Test func edgeCases() {
        for t in ["0", "-0", "0.0", "-0.0", "0e10", "1", "-1", "1e5", "1E5", "1e+5", "1e-5", "0.1", "0.5", "-0.75",
                  "3.4028235e38", "3.4028236e38", "1.17549435e-38", "1e-45", "1.4e-45", "7e-46", "1e-50",
                  "123456789012345678901234567890", "0.000000000000000000000000000001",
                  "1.000000059604644775390625", "1.0000000596046447753906251", "1.0000001788139343",
                  "1.00000017881393432617187499", "16777217", "16777216.5", "33554435", "9007199254740993",
                  "0.30000001192092896", "100000000000000000000000", "4.2e22", "4.2e-22", "1e23", "1e-23"] {
            Self.check(t)
        }
    }

    @Test func shortestFloatDescriptionsRoundTrip() throws {
        var rng = SplitMix64(state: 1)
        for _ in 0..<20_000 {
            let f = Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))
            guard f.isFinite else { continue }
            Self.check(f.description)
            #expect(try Self.parse(f.description).get() == f)
        }
    }

    @Test func doubleDescriptions() {
        var rng = SplitMix64(state: 2)
        for _ in 0..<20_000 {
            let d = Double.random(in: -2...2, using: &rng) * Double(sign: .plus, exponent: Int.random(in: -60...60, using: &rng), significand: 1)
            Self.check(d.description)
        }
    }

    @Test func nearHalfwayPoints() {
        var rng = SplitMix64(state: 3)
        for _ in 0..<20_000 {
            let f = Float(bitPattern: UInt32.random(in: 0x0080_0000...0x7F00_0000, using: &rng))
            let mid = (Double(f) + Double(f.nextUp)) / 2   // exact in Double
            Self.check(mid.description)
            Self.check((mid.nextUp).description)
            Self.check((mid.nextDown).description)
        }
    }

    @Test func randomDecimals() {
        var rng = SplitMix64(state: 4)
        for _ in 0..<50_000 {
            var t = Bool.random(using: &rng) ? "-" : ""
            let intDigits = Int.random(in: 0...12, using: &rng)
            if intDigits == 0 { t += "0" } else {
                t += String(Int.random(in: 1...9, using: &rng))
                for _ in 1..<intDigits { t += String(Int.random(in: 0...9, using: &rng)) }
            }
            let frac = Int.random(in: 0...22, using: &rng)
            if frac > 0 {
                t += "."
                for _ in 0..<frac { t += String(Int.random(in: 0...9, using: &rng)) }
            }
            if Bool.random(using: &rng) { t += "e\(Int.random(in: -40...30, using: &rng))" }
            Self.check(t)
        }
    }

    @Test func rejectsNonFiniteAndMalformed() throws {
        for t in ["NaN", "Infinity", "-Infinity"] {
            let e = try #require(Self.parse(t).failure)
            #expect(e.message.contains("non-finite number \(t) at byte 0"), "\(e.message)")
        }
        let big = try #require(Self.parse("1e39").failure)
        #expect(big.message.contains("outside the Float range"))
        for t in ["-", "1.", ".5", "1e", "1e+", "+1", "x"] {
            let e = try #require(Self.parse(t).failure, "\(t) should fail")
            #expect(e.message.hasPrefix("malformed JSON at byte"), "\(t): \(e.message)")
        }
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let e) = self { return e }
        return nil
    }
}
