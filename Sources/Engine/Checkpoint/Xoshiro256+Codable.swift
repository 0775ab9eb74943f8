/// A generator is saved as its four state words, each as 16 hexadecimal digits: JSON
/// numbers are doubles to most readers and would lose bits of a 64-bit word.
extension Xoshiro256: Codable {
    public init(from decoder: any Decoder) throws {
        let words = try decoder.singleValueContainer().decode([String].self)
        let values = words.compactMap { $0.count == 16 ? UInt64($0, radix: 16) : nil }
        guard words.count == 4, values.count == 4 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "expected 4 state words of 16 hex digits, got \(words)"))
        }
        self.init(state: (values[0], values[1], values[2], values[3]))
    }

    public func encode(to encoder: any Encoder) throws {
        let s = state
        var c = encoder.singleValueContainer()
        try c.encode([s.0, s.1, s.2, s.3].map(Self.hex))
    }

    private static func hex(_ v: UInt64) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
