import NIOCore
import Testing
@testable import Wire

@Suite struct HTTPResponseHeadTests {
    func head(http10: Bool = false, status: Int = 200, reason: String = "OK", contentType: String? = "application/json",
              length: Int = 12, headers: [(name: String, value: String)] = [], timing: ServerTimingHeader? = nil,
              connection: HTTPResponseHead.Connection = .keepAlive) -> String {
        var out = ByteBuffer()
        HTTPResponseHead.write(http10: http10, status: status, reason: reason, contentType: contentType, contentLength: length,
                               headers: headers, serverTiming: timing, connection: connection, into: &out)
        return String(buffer: out)
    }

    @Test func anInferenceAnswersHead() {
        let timing = ServerTimingHeader(decodeNanos: 112_000, queueNanos: 400, computeNanos: 87_400, encodeNanos: 1_234_000_000)
        #expect(head(timing: timing) == "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 12\r\n"
            + "Server-Timing: decode;dur=0.112, queue;dur=0.000, compute;dur=0.087, encode;dur=1234.000\r\n\r\n")
    }

    @Test func furtherHeadersThenTimingThenConnection() {
        let text = head(status: 503, reason: "Service Unavailable", length: 0, headers: [("Retry-After", "1"), ("Allow", "GET, PUT")],
                        timing: ServerTimingHeader(), connection: .close)
        #expect(text == "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: 0\r\nRetry-After: 1\r\n"
            + "Allow: GET, PUT\r\nServer-Timing: decode;dur=0.000, queue;dur=0.000, compute;dur=0.000, encode;dur=0.000\r\n"
            + "Connection: close\r\n\r\n")
    }

    @Test func http10AnswersInItsVersionAndSaysKeepAlive() {
        #expect(head(http10: true, contentType: nil, length: 0, connection: .keepAliveHTTP10)
            == "HTTP/1.0 200 OK\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n")
    }

    /// A header that could split the response is left out, whatever put it there.
    @Test func headersThatCouldSplitTheResponseAreLeftOut() {
        let text = head(contentType: "text/plain\r\nX-Evil: 1", length: 3,
                        headers: [("Location", "/a\r\n\r\nHTTP/1.1 200 OK"), ("Bad Name", "x"), ("", "x"), ("X-Nul", "a\u{0}b"),
                                  ("X-Del", "a\u{7F}"), ("X-Good", "caf\u{E9}\tok")])
        #expect(text == "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nX-Good: caf\u{E9}\tok\r\n\r\n")
        #expect(head(reason: "OK\r\nX: y", length: 0).hasPrefix("HTTP/1.1 200 \r\n"))
    }

    @Test func timingRoundsToTheMicrosecondAndReadsBack() {
        var out = ByteBuffer()
        let t = ServerTimingHeader(decodeNanos: 1_499, queueNanos: 1_500, computeNanos: 999_999_999_999_999, encodeNanos: .max)
        t.write(into: &out)
        let text = String(buffer: out)
        #expect(text == "decode;dur=0.001, queue;dur=0.002, compute;dur=1000000000.000, encode;dur=1000000000.000")
        #expect(out.readableBytes <= ServerTimingHeader.maxLength)
        let read = out.withUnsafeReadableBytes { ServerTimingHeader.parse($0) }
        #expect(read == ServerTimingHeader(decodeNanos: 1_000, queueNanos: 2_000, computeNanos: 1_000_000_000_000_000,
                                           encodeNanos: 1_000_000_000_000_000))
    }

    @Test(arguments: [(UInt64(0), "0.000"), (499, "0.000"), (500, "0.001"), (87_400, "0.087"), (12_345_678, "12.346"), (1_000_000, "1.000")])
    func oneDuration(_ nanos: UInt64, _ text: String) {
        var out = ByteBuffer()
        ServerTimingHeader(computeNanos: nanos).write(into: &out)
        #expect(String(buffer: out).contains("compute;dur=\(text),"))
    }
}
