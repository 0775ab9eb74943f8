import Foundation
import NIOCore
import Testing
@testable import Wire

@Suite("JSONWriter")
struct JSONWriterTests {
    @Test func stringsAreEscapedAndReadBackByFoundation() throws {
        let text = "quote \" backslash \\ newline \n tab \t bell \u{7} é 🙂"
        var buffer = ByteBuffer()
        JSONWriter.writeString(text, into: &buffer)
        let back = try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView), options: .fragmentsAllowed) as? String
        #expect(back == text)
    }

    @Test func matrixRoundTripsEveryFloatExactly() throws {
        var rng = SplitMix64(state: 5)
        var values = [Float]()
        while values.count < 3000 {
            let f = Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))
            if f.isFinite { values.append(f) }
        }
        values += [0, -0.0, .leastNonzeroMagnitude, -.greatestFiniteMagnitude, .leastNormalMagnitude, 1e-5, 1e20]
        let width = 7
        let rows = values.count / width
        var buffer = ByteBuffer()
        try JSONWriter.writeMatrix(rows: rows, totalValues: rows * width, into: &buffer,
                                   width: { _ in width }, value: { values[$0 * width + $1] })
        // Read back with the server's own scanner-based codec path: Float(String) per number.
        let text = String(buffer: buffer)
        let numbers = text.split(whereSeparator: { "[],".contains($0) }).map { Float(String($0))! }
        #expect(numbers.map(\.bitPattern) == values.prefix(rows * width).map(\.bitPattern))
        #expect(text.hasPrefix("[[") && text.hasSuffix("]]"))
        #expect(try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) is [[Any]])
    }

    @Test func nonFiniteOutputIsRefused() {
        var buffer = ByteBuffer()
        #expect(throws: ServingError.self) {
            try JSONWriter.writeMatrix(rows: 1, totalValues: 2, into: &buffer, width: { _ in 2 }, value: { $1 == 0 ? 1 : .nan })
        }
    }
}
