/// A minimal reader for the Protocol Buffers wire format, for checking what
/// `ProtobufWriter` and the ONNX exporter produce (test helper).
struct ProtobufReader {
    enum Value: Equatable {
        case varint(UInt64)
        case fixed64(UInt64)
        case bytes([UInt8])
        case fixed32(UInt32)
    }

    struct Field: Equatable {
        var number: Int
        var value: Value
    }

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    /// Decodes every top-level field of `bytes`, in order; throws on any truncation or unknown wire type.
    static func fields(_ bytes: [UInt8]) throws -> [Field] {
        var out = [Field]()
        var i = 0
        func varint() throws -> UInt64 {
            var result: UInt64 = 0, shift: UInt64 = 0
            while true {
                guard i < bytes.count else { throw Malformed(description: "varint truncated at byte \(i)") }
                guard shift < 64 else { throw Malformed(description: "varint too long at byte \(i)") }
                let b = bytes[i]; i += 1
                result |= UInt64(b & 0x7F) << shift
                if b & 0x80 == 0 { return result }
                shift += 7
            }
        }
        func take(_ n: Int) throws -> [UInt8] {
            guard n >= 0, i + n <= bytes.count else { throw Malformed(description: "field of \(n) bytes at \(i) overruns \(bytes.count)") }
            defer { i += n }
            return Array(bytes[i..<i + n])
        }
        func little(_ b: [UInt8]) -> UInt64 { b.reversed().reduce(0) { $0 << 8 | UInt64($1) } }
        while i < bytes.count {
            let key = try varint()
            let number = Int(key >> 3)
            guard number > 0 else { throw Malformed(description: "field number 0 at byte \(i)") }
            switch key & 7 {
            case 0: out.append(Field(number: number, value: .varint(try varint())))
            case 1: out.append(Field(number: number, value: .fixed64(little(try take(8)))))
            case 2: out.append(Field(number: number, value: .bytes(try take(Int(try varint())))))
            case 5: out.append(Field(number: number, value: .fixed32(UInt32(little(try take(4))))))
            default: throw Malformed(description: "unsupported wire type \(key & 7) for field \(number)")
            }
        }
        return out
    }

    /// Decodes a packed run of varints.
    static func packedVarints(_ bytes: [UInt8]) throws -> [UInt64] {
        var values = [UInt64]()
        var i = 0
        while i < bytes.count {
            var result: UInt64 = 0, shift: UInt64 = 0
            while true {
                guard i < bytes.count else { throw Malformed(description: "packed varint truncated") }
                let b = bytes[i]; i += 1
                result |= UInt64(b & 0x7F) << shift
                if b & 0x80 == 0 { break }
                shift += 7
            }
            values.append(result)
        }
        return values
    }
}

extension [ProtobufReader.Field] {
    /// All length-delimited values of field `number`.
    func bytes(_ number: Int) -> [[UInt8]] {
        compactMap { f in
            if f.number == number, case let .bytes(b) = f.value { return b }
            return nil
        }
    }

    /// All length-delimited values of field `number`, read as UTF-8.
    func strings(_ number: Int) -> [String] { bytes(number).map { String(decoding: $0, as: UTF8.self) } }

    /// The last varint of field `number`.
    func varint(_ number: Int) -> UInt64? {
        for f in reversed() where f.number == number { if case let .varint(v) = f.value { return v } }
        return nil
    }
}
