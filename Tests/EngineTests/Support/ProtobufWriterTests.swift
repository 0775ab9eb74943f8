import Testing
@testable import Engine

@Suite struct ProtobufWriterTests {
    @Test func varintsMatchTheSpecExamples() {
        var w = ProtobufWriter()
        w.int64(1, 150)                 // the spec's example: 08 96 01
        #expect(w.bytes == [0x08, 0x96, 0x01])
        var big = ProtobufWriter()
        big.varint(300)
        #expect(big.bytes == [0xAC, 0x02])
    }

    @Test func negativeInt64TakesTenBytes() throws {
        var w = ProtobufWriter()
        w.int64(3, -1)
        #expect(w.bytes.count == 11)
        let fields = try ProtobufReader.fields(w.bytes)
        #expect(fields == [.init(number: 3, value: .varint(UInt64.max))])
    }

    @Test func lengthDelimitedAndFixedFieldsRoundTrip() throws {
        var inner = ProtobufWriter()
        inner.string(1, "héllo")
        var w = ProtobufWriter()
        w.string(2, "abc")
        w.float(4, 1.5)
        w.message(7, inner)
        w.packedInt64(8, [1, 300, -2])
        w.packedFloat(9, [0.25])
        let f = try ProtobufReader.fields(w.bytes)
        #expect(f.strings(2) == ["abc"])
        #expect(f.contains(.init(number: 4, value: .fixed32(Float(1.5).bitPattern))))
        #expect(try ProtobufReader.fields(f.bytes(7)[0]).strings(1) == ["héllo"])
        #expect(try ProtobufReader.packedVarints(f.bytes(8)[0]).map { Int64(bitPattern: $0) } == [1, 300, -2])
        #expect(f.bytes(9)[0] == [0, 0, 0x80, 0x3E])
        #expect(f.map(\.number) == [2, 4, 7, 8, 9])
    }

    @Test func readerRejectsTruncatedInput() {
        var w = ProtobufWriter()
        w.string(1, "abcdef")
        #expect(throws: ProtobufReader.Malformed.self) { try ProtobufReader.fields(Array(w.bytes.dropLast())) }
    }
}
