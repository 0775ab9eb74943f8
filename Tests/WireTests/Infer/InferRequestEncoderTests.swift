import Engine
import NIOCore
import Testing
@testable import Wire

@Suite struct InferRequestEncoderTests {
    func batch(_ rows: [(model: Int32, inputs: [Float])]) -> InferenceBatch {
        let b = InferenceBatch(capacity: rows.count, inputWidth: rows.first?.inputs.count ?? 0, outputWidth: 1)
        for row in rows {
            let p = b.appendRow(model: row.model)
            for (i, v) in row.inputs.enumerated() { p[i] = v }
        }
        return b
    }

    func encode(_ b: InferenceBatch, rows: Range<Int>, prefix: String = "g3-") throws -> String {
        var buffer = ByteBuffer()
        try InferRequestEncoder.encode(b, rows: rows, modelPrefix: prefix, into: &buffer)
        return String(buffer: buffer)
    }

    @Test func oneModelUsesModelField() throws {
        let b = batch([(7, [1, -0.0]), (7, [0.1, .leastNonzeroMagnitude])])
        #expect(try encode(b, rows: 0..<2) == #"{"inputs":[[1,-0.0],[0.1,1e-45]],"model":"g3-7"}"#)
    }

    @Test func mixedModelsUseModelsFieldForTheRowsSent() throws {
        let b = batch([(0, [1]), (12, [2]), (305, [3.4028235e38])])
        #expect(try encode(b, rows: 1..<3) == #"{"inputs":[[2],[3.4028235e+38]],"models":["g3-12","g3-305"]}"#)
    }

    /// Whole thousandths are written digit by digit; every float round-trips exactly.
    @Test func floatsAreWrittenShortAndExact() throws {
        let cases: [(Float, String)] = [(0, "0"), (1, "1"), (0.5, "0.5"), (0.75, "0.75"), (-0.125, "-0.125"), (-3, "-3"),
                                        (999_999.875, "999999.875"), (-0.0, "-0.0"), (0.1, "0.1"), (1e-45, "1e-45"),
                                        (1_000_000, "1000000.0"), (0.7310586, "0.7310586")]
        for (v, text) in cases {
            var b = ByteBuffer()
            InferRequestEncoder.writeFloat(v, into: &b)
            #expect(String(buffer: b) == text)
        }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let v = [Float(Int.random(in: -8000...8000, using: &rng)) / 8, Float(bitPattern: UInt32.random(in: 0...UInt32.max, using: &rng))]
                .randomElement(using: &rng)!
            guard v.isFinite else { continue }
            var b = ByteBuffer()
            InferRequestEncoder.writeFloat(v, into: &b)
            #expect(FloatMatrixDecoder.parseFloat(String(buffer: b))?.bitPattern == v.bitPattern, "\(v) written as \(String(buffer: b))")
        }
    }

    @Test func nonFiniteInputIsAnErrorNamingRowAndColumn() {
        let b = batch([(0, [1, 2]), (0, [3, .nan])])
        #expect {
            try encode(b, rows: 0..<2)
        } throws: { error in
            (error as? NonFiniteInput)?.description == "input row 1 column 1 is nan; JSON can only carry finite numbers"
        }
    }

    @Test func encodedFloatsDecodeToTheSameBits() throws {
        var rng = SystemRandomNumberGenerator()
        let values = (0..<2_000).compactMap { _ -> Float? in
            let f = Float(bitPattern: UInt32.random(in: .min ... .max, using: &rng))
            return f.isFinite ? f : nil
        } + FloatMatrixDecoderTests.specials
        let b = InferenceBatch(capacity: 1, inputWidth: values.count, outputWidth: 1)
        let p = b.appendRow(model: 0)
        for (i, v) in values.enumerated() { p[i] = v }
        let body = try encode(b, rows: 0..<1)
        // Cut the input matrix out of the body and decode it as a response would be.
        let start = body.index(body.startIndex, offsetBy: #"{"inputs":"#.count)
        let end = body.range(of: #","model""#)!.lowerBound
        let decoded = try FloatMatrixDecoder.decode(String(body[start..<end]), rows: 1, width: values.count).get()
        #expect(decoded.map(\.bitPattern) == values.map(\.bitPattern))
    }

    @Test func writesDecimals() {
        for v in [0, 7, 10, 99, 123_456_789, Int(Int32.max), -5] {
            var buffer = ByteBuffer()
            InferRequestEncoder.writeDecimal(v, into: &buffer)
            #expect(String(buffer: buffer) == String(v))
        }
    }
}
