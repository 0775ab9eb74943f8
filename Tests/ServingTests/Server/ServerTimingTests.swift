import Testing
@testable import Serving
@testable import Wire

@Suite struct ServerTimingTests {
    @Test func headerValueInMillisecondsWithThreeDecimals() {
        let t = ServerTiming(queue: .nanoseconds(400), decode: .microseconds(112), compute: .nanoseconds(87_400), encode: .milliseconds(1234))
        #expect(t.headerValue == "decode;dur=0.112, queue;dur=0.000, compute;dur=0.087, encode;dur=1234.000")
        #expect(ServerTiming().headerValue == "decode;dur=0.000, queue;dur=0.000, compute;dur=0.000, encode;dur=0.000")
        #expect(ServerTiming(compute: .seconds(-3)).headerValue.contains("compute;dur=0.000"))
    }

    @Test func theClientReadsBackWhatTheServerWrites() {
        let t = ServerTiming(queue: .microseconds(8), decode: .microseconds(11), compute: .microseconds(24), encode: .microseconds(999_999_999))
        let read = Array(t.headerValue.utf8).withUnsafeBytes { ServerTimingHeader.parse($0) }
        #expect(read == ServerTimingHeader(decodeNanos: 11_000, queueNanos: 8_000, computeNanos: 24_000, encodeNanos: 999_999_999_000))
    }
}
