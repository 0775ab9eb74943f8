import Engine
import NIOCore
import Testing
@testable import Wire

@Suite struct V2RequestEncoderTests {
    /// Rows 0..<n of width 2: row r is [r, -r / 4].
    func batch(rows: Int) -> InferenceBatch {
        let b = InferenceBatch(capacity: rows, inputWidth: 2, outputWidth: 1)
        for r in 0..<rows {
            let p = b.appendRow(model: Int32(r % 2))
            p[0] = Float(r); p[1] = -Float(r) / 4
        }
        return b
    }

    @Test func jsonTensorsGatherTheRowsByIndexFlat() throws {
        let b = batch(rows: 4)
        var out = ByteBuffer()
        let order: [Int32] = [3, 1]
        try order.withUnsafeBufferPointer { try V2RequestEncoder.encodeJSON(b, rows: $0, inputName: "input", into: &out) }
        #expect(String(buffer: out) == #"{"inputs":[{"name":"input","shape":[2,2],"datatype":"FP32","data":[3,-0.75,1,-0.25]}]}"#)
    }

    @Test func binaryTensorsWriteAHeaderThenLittleEndianFloats() throws {
        let b = batch(rows: 3)
        var out = ByteBuffer()
        out.writeStaticString("prefix")  // the encoder appends: the header length counts its own bytes only
        let order: [Int32] = [2, 0]
        let header = try order.withUnsafeBufferPointer { try V2RequestEncoder.encodeBinary(b, rows: $0, inputName: "in\"put", into: &out) }
        out.moveReaderIndex(forwardBy: 6)
        let json = out.readString(length: header)!
        #expect(json == #"{"inputs":[{"name":"in\"put","shape":[2,2],"datatype":"FP32","parameters":{"binary_data_size":16}}],"parameters":{"binary_data_output":true}}"#)
        var floats = [Float]()
        while let bits = out.readInteger(endianness: .little, as: UInt32.self) { floats.append(Float(bitPattern: bits)) }
        #expect(floats == [2, -0.5, 0, -0])
    }

    @Test(arguments: [TensorFormat.json, .binary])
    func nonFiniteInputsAreRefusedNamingTheRow(format: TensorFormat) {
        let b = batch(rows: 3)
        b.input(row: 1)[1] = .infinity
        var out = ByteBuffer()
        let order: [Int32] = [0, 1, 2]
        #expect(throws: NonFiniteInput(row: 1, column: 1, value: .infinity)) {
            try order.withUnsafeBufferPointer { rows throws(NonFiniteInput) in
                if format == .json { try V2RequestEncoder.encodeJSON(b, rows: rows, inputName: "input", into: &out) }
                else { _ = try V2RequestEncoder.encodeBinary(b, rows: rows, inputName: "input", into: &out) }
            }
        }
    }

    enum TensorFormat { case json, binary }
}
