import Testing
@testable import Wire

@Suite struct HTTPResponseParserTests {
    func frame(_ text: String, max: Int = 1 << 20, eof: Bool = false) -> HTTPResponseParser.Outcome {
        Array(text.utf8).withUnsafeBytes { HTTPResponseParser.frame($0, maxBodyBytes: max, atEndOfStream: eof) }
    }

    /// The body of a complete response (dechunked).
    func body(_ text: String, eof: Bool = false) -> String? {
        var bytes = Array(text.utf8)
        guard case .complete(let r) = bytes.withUnsafeBytes({ HTTPResponseParser.frame($0, maxBodyBytes: 1 << 20, atEndOfStream: eof) }) else { return nil }
        if r.chunked { bytes.withUnsafeMutableBytes { HTTPResponseParser.dechunk($0, r) } }
        return String(decoding: bytes[r.body], as: UTF8.self)
    }

    @Test func contentLengthFramesPipelinedAnswersOneAtATime() {
        let two = "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 5\r\n\r\n[[1]]HTTP/1.1 404 Not Found\r\ncontent-length: 2\r\n\r\n{}"
        guard case .complete(let first) = frame(two) else { Issue.record("first answer not framed"); return }
        #expect(first.status == 200 && !first.closes)
        #expect(first.body.count == 5 && first.consumed == two.utf8.count - 47)
        let rest = String(decoding: two.utf8.dropFirst(first.consumed), as: UTF8.self)
        guard case .complete(let second) = frame(rest) else { Issue.record("second answer not framed"); return }
        #expect(second.status == 404 && second.consumed == rest.utf8.count)
    }

    @Test func partialAnswersAskForMore() {
        let full = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789"
        for n in 0..<full.utf8.count {
            #expect(frame(String(decoding: full.utf8.prefix(n), as: UTF8.self)) == .incomplete(untilClose: false))
        }
        #expect(body(full) == "0123456789")
    }

    @Test func chunkedBodiesAreJoined() {
        let text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n[[1,\r\n9;ext=1\r\n2],[3,4]]\r\n0\r\n\r\n"
        #expect(body(text) == "[[1,2],[3,4]]")
        #expect(frame(String(decoding: text.utf8.dropLast(2), as: UTF8.self)) == .incomplete(untilClose: false))
        #expect(frame("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") == .invalid("malformed chunk size at byte 0 of the body"))
        #expect(frame("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabcd\r\n") == .invalid("chunk of 2 bytes is not followed by CRLF"))
    }

    @Test func headFieldsAreRead() {
        guard case .complete(let r) = frame("HTTP/1.1 200 OK\r\nInference-Header-Content-Length: 17\r\nConnection: close\r\nContent-Length: 0\r\n\r\n") else {
            Issue.record("not framed"); return
        }
        #expect(r.inferenceHeaderLength == 17 && r.closes)
        guard case .complete(let old) = frame("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n") else { Issue.record("not framed"); return }
        #expect(old.closes)
    }

    @Test func aBodyWithoutLengthRunsToTheEndOfTheStream() {
        let text = "HTTP/1.1 500 Internal Server Error\r\n\r\nTraceback (most recent call last)"
        #expect(frame(text) == .incomplete(untilClose: true))
        #expect(body(text, eof: true) == "Traceback (most recent call last)")
    }

    @Test func continueIsSkipped() {
        #expect(body("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") == "ok")
    }

    @Test(arguments: [
        ("HTTP/2 200\r\n\r\n", "not an HTTP/1.x status line: 'HTTP/2 200'"),
        ("SSH-2.0-OpenSSH\r\n\r\n", "not an HTTP/1.x status line: 'SSH-2.0-OpenSSH'"),
        ("HTTP/1.1 2x0 OK\r\n\r\n", "not an HTTP/1.x status line: 'HTTP/1.1 2x0 OK'"),
        ("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "Content-Length '-1' is not a whole number of bytes"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n", "Content-Length '99999999999999999999999' is not a whole number of bytes"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", "two different Content-Length headers (1, 2)"),
        ("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "malformed response header line 'no colon here'"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", "unsupported Transfer-Encoding 'gzip'"),
        ("HTTP/1.1 200 OK\r\nInference-Header-Content-Length: twelve\r\n\r\n", "Inference-Header-Content-Length 'twelve' is not a whole number of bytes"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 2000000\r\n\r\n", "response body of 2000000 bytes is over the client's limit of 1048576 bytes"),
    ])
    func malformedHeadsAreClearErrors(text: String, problem: String) {
        #expect(frame(text) == .invalid(problem))
    }

    @Test func anEndlessHeadIsRefused() {
        let text = "HTTP/1.1 200 OK\r\n" + String(repeating: "X-Pad: 0123456789\r\n", count: 4000)
        #expect(frame(text) == .invalid("response head is over 65536 bytes"))
    }
}
