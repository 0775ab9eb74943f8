/// A minimal writer for the Protocol Buffers wire format (proto3 encoding).
///
/// Just enough to emit ONNX models without depending on swift-protobuf:
/// varints, length-delimited fields (strings, bytes, nested messages) and
/// packed repeated scalars. Fields are written in the order they are called;
/// a nested message is built with its own writer and appended as bytes.
///
/// ```swift
/// var w = ProtobufWriter()
/// w.int64(1, 7)            // field 1, varint
/// w.string(2, "dashboard") // field 2, length-delimited
/// let bytes = w.bytes
/// ```
struct ProtobufWriter: Sendable {
    /// The encoded message so far.
    private(set) var bytes: [UInt8] = []

    init() {}

    enum WireType: UInt8 {
        case varint = 0
        case fixed64 = 1
        case lengthDelimited = 2
        case fixed32 = 5
    }

    mutating func tag(_ field: Int, _ type: WireType) {
        precondition(field > 0 && field < 1 << 29, "protobuf field number \(field) out of range")
        varint(UInt64(field) << 3 | UInt64(type.rawValue))
    }

    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// An `int64`/`int32` field (negative values take ten bytes, as the spec says).
    mutating func int64(_ field: Int, _ value: Int64) {
        tag(field, .varint)
        varint(UInt64(bitPattern: value))
    }

    /// A `float` field (fixed32, little-endian).
    mutating func float(_ field: Int, _ value: Float) {
        tag(field, .fixed32)
        appendLittleEndian(value.bitPattern)
    }

    mutating func bytesField(_ field: Int, _ value: [UInt8]) {
        tag(field, .lengthDelimited)
        varint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func string(_ field: Int, _ value: String) {
        bytesField(field, Array(value.utf8))
    }

    /// A nested message, already encoded.
    mutating func message(_ field: Int, _ message: ProtobufWriter) {
        bytesField(field, message.bytes)
    }

    /// A packed repeated `int64` field.
    mutating func packedInt64(_ field: Int, _ values: [Int64]) {
        var inner = ProtobufWriter()
        for v in values { inner.varint(UInt64(bitPattern: v)) }
        bytesField(field, inner.bytes)
    }

    /// A packed repeated `float` field.
    mutating func packedFloat(_ field: Int, _ values: [Float]) {
        var inner = ProtobufWriter()
        for v in values { inner.appendLittleEndian(v.bitPattern) }
        bytesField(field, inner.bytes)
    }

    mutating func appendLittleEndian(_ v: UInt32) {
        bytes.append(UInt8(truncatingIfNeeded: v))
        bytes.append(UInt8(truncatingIfNeeded: v >> 8))
        bytes.append(UInt8(truncatingIfNeeded: v >> 16))
        bytes.append(UInt8(truncatingIfNeeded: v >> 24))
    }
}
