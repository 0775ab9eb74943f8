import Engine
import Logging
import NIOCore
import Testing
@testable import Serving
import Wire

/// The server's connection handler, live on a loopback port: order of pipelined
/// answers (on the loop and through the work pool), HEAD, HTTP/1.0, malformed requests,
/// `Expect: 100-continue`.
@Suite("HTTPConnectionHandler")
struct HTTPConnectionHandlerTests {
    static func server() -> InferenceServer {
        let server = InferenceServer(configuration: .init(port: 0, limits: ServerLimits(maxBodyBytes: 1 << 20)),
                                     decoder: ServerTestSupport.codableDecoder, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        server.registry.put(try! ServedModel(id: "m", genome: ServerTestSupport.hidden()))
        return server
    }

    static func post(_ body: String, close: Bool = false) -> String {
        "POST /infer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
            + (close ? "Connection: close\r\n" : "") + "\r\n" + body
    }

    static func rows(_ n: Int, _ value: Float) -> String {
        "{\"inputs\":[" + Array(repeating: "[\(value),-1]", count: n).joined(separator: ",") + "]}"
    }

    /// Five requests in one write: a small inference (answered on the event loop), one over 64 KB
    /// (answered by the work pool), health, HEAD and a last one asking to close. Each answer comes
    /// in request order, HEAD's without its body, and the connection closes after the last.
    @Test func pipelinedAnswersComeInRequestOrder() async throws {
        let big = Self.rows(8_000, 0.25)
        #expect(big.utf8.count > 64 << 10)
        let bytes = try await ServerTestSupport.withServer(Self.server()) { port in
            try await onThread {
                try TestHTTPClient.exchange(port: port, Self.post(Self.rows(2, 0.5)) + Self.post(big)
                    + "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n" + "HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            }
        }
        let answers = try TestHTTPClient.answers(in: bytes, headOnly: [3])
        try #require(answers.count == 5)
        let small = try #require(ServerTestSupport.matrix(ByteBuffer(string: answers[0].answer.body)))
        #expect(small.count == 2 && small[0] == ServerTestSupport.reference(ServerTestSupport.hidden(), [0.5, -1]))
        let many = try #require(ServerTestSupport.matrix(ByteBuffer(string: answers[1].answer.body)))
        #expect(many.count == 8_000 && many[7_999] == ServerTestSupport.reference(ServerTestSupport.hidden(), [0.25, -1]))
        for k in 0..<2 {
            let timing = try #require(answers[k].answer.headers["server-timing"])
            #expect(Array(timing.utf8).withUnsafeBytes { ServerTimingHeader.parse($0) } != nil)
        }
        #expect(answers[2].answer.status == 200 && answers[2].answer.body.contains("\"server\":\"dashboard\""))
        #expect(answers[3].answer.status == 200 && answers[3].head.hasPrefix("HTTP/1.1 ") && answers[3].answer.body.isEmpty)
        #expect(answers[3].answer.headers["content-length"] == answers[2].answer.headers["content-length"])
        #expect(answers[4].answer.status == 404 && answers[4].answer.headers["connection"] == "close")
        #expect(answers.dropLast().allSatisfy { $0.answer.headers["connection"] == nil })
    }

    /// A request NIO cannot parse gets 400 after the answers before it, and the connection closes.
    @Test func aMalformedRequestGets400AfterTheAnswersBeforeIt() async throws {
        let bytes = try await ServerTestSupport.withServer(Self.server()) { port in
            try await onThread {
                try TestHTTPClient.exchange(port: port, Self.post(Self.rows(1, 1)) + Self.post(Self.rows(8_000, 1))
                    + "NOT HTTP AT ALL\r\n\r\n" + Self.post(Self.rows(1, 1)))
            }
        }
        let answers = try TestHTTPClient.answers(in: bytes)
        #expect(answers.map(\.answer.status) == [200, 200, 400])
        #expect(answers.last?.answer.headers["connection"] == "close")
        #expect(ServerTestSupport.matrix(ByteBuffer(string: answers[1].answer.body))?.count == 8_000)
    }

    /// HTTP/1.0 is answered in its version: closed after the answer, or kept open when asked.
    @Test func http10ClosesUnlessAskedToKeepAlive() async throws {
        let (closed, kept) = try await ServerTestSupport.withServer(Self.server()) { port in
            try await onThread {
                let closed = try TestHTTPClient.exchange(port: port, "GET /healthz HTTP/1.0\r\n\r\n")
                let kept = try TestHTTPClient.exchange(port: port, "GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
                    + "GET /healthz HTTP/1.0\r\n\r\n")
                return (closed, kept)
            }
        }
        let one = try TestHTTPClient.answers(in: closed)
        #expect(one.count == 1 && one[0].head.hasPrefix("HTTP/1.0 200 OK\r\n") && one[0].answer.headers["connection"] == "close")
        let two = try TestHTTPClient.answers(in: kept)
        #expect(two.map(\.answer.headers["connection"]) == ["keep-alive", "close"])
        #expect(two.allSatisfy { $0.head.hasPrefix("HTTP/1.0 200 OK\r\n") })
    }

    /// Many requests in one write (more than the handler lets wait) are all answered, in order.
    @Test func moreRequestsThanMayWaitAreAllAnswered() async throws {
        let count = HTTPConnectionHandler.maxWaiting * 4
        let requests = (0..<count).map { k in Self.post(Self.rows(k % 3 == 0 ? 8_000 : 1, Float(k) / 100), close: k == count - 1) }
        let bytes = try await ServerTestSupport.withServer(Self.server()) { port in
            try await onThread { try TestHTTPClient.exchange(port: port, requests.joined()) }
        }
        let answers = try TestHTTPClient.answers(in: bytes)
        try #require(answers.count == count)
        for (k, a) in answers.enumerated() {
            let m = try #require(ServerTestSupport.matrix(ByteBuffer(string: a.answer.body)))
            #expect(m.count == (k % 3 == 0 ? 8_000 : 1))
            #expect(m[0] == ServerTestSupport.reference(ServerTestSupport.hidden(), [Float(k) / 100, -1]))
        }
    }

    static func expecting(_ body: String, length: Int? = nil) -> String {
        "POST /infer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(length ?? body.utf8.count)\r\n"
            + "Expect: 100-continue\r\nConnection: close\r\n\r\n"
    }

    static let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// A client that sends `Expect: 100-continue` holds its body until `100 Continue` comes
    /// (curl waits a second without one); then sends it and gets its answer.
    @Test func aClientThatExpects100ContinueGetsItBeforeSendingTheBody() async throws {
        let body = Self.rows(3, 0.75)
        let bytes = try await ServerTestSupport.withServer(Self.server()) { port in
            try await onThread {
                let c = try TestHTTPClient.Conversation(port: port, Self.expecting(body))
                let cameAlone = try c.read(within: 5) { $0.count >= Self.continueLine.count }
                guard cameAlone, c.received == Self.continueLine else { return c.received }
                try c.send(body)
                _ = try c.read(within: 10)
                return c.received
            }
        }
        let answers = try TestHTTPClient.answers(in: bytes)
        #expect(answers.map(\.answer.status) == [100, 200])
        let m = try #require(ServerTestSupport.matrix(ByteBuffer(string: answers.last?.answer.body ?? "")))
        #expect(m.count == 3 && m[2] == ServerTestSupport.reference(ServerTestSupport.hidden(), [0.75, -1]))
    }

    /// A body declared over the limit is refused at once: 413 and the connection closed, the body never sent.
    @Test func aBodyDeclaredOverTheLimitIsRefusedBeforeItIsSent() async throws {
        let bytes = try await ServerTestSupport.withServer(Self.server()) { port in
            try await onThread {
                let c = try TestHTTPClient.Conversation(port: port, Self.expecting("", length: 2 << 20))
                _ = try c.read(within: 5)
                return (c.received, c.closed)
            }
        }
        #expect(bytes.1, "the connection is closed")
        let answers = try TestHTTPClient.answers(in: bytes.0)
        #expect(answers.map(\.answer.status) == [413])
        #expect(answers.first?.answer.headers["connection"] == "close")
        #expect(answers.first?.answer.body.contains("--max-body-bytes") == true)
    }

    /// Behind a request answered by the work pool, `100 Continue` waits for that answer: answers stay in order.
    @Test func continueComesAfterTheAnswersBeforeIt() async throws {
        let body = Self.rows(2, 0.125)
        let bytes = try await ServerTestSupport.withServer(Self.server()) { port in
            try await onThread {
                let c = try TestHTTPClient.Conversation(port: port, Self.post(Self.rows(8_000, 1)) + Self.expecting(body))
                _ = try c.read(within: 5) { $0.count >= Self.continueLine.count && $0.suffix(Self.continueLine.count).elementsEqual(Self.continueLine) }
                try c.send(body)
                _ = try c.read(within: 10)
                return c.received
            }
        }
        let answers = try TestHTTPClient.answers(in: bytes)
        #expect(answers.map(\.answer.status) == [200, 100, 200])
        #expect(ServerTestSupport.matrix(ByteBuffer(string: answers[0].answer.body))?.count == 8_000)
        #expect(ServerTestSupport.matrix(ByteBuffer(string: answers[2].answer.body))?.count == 2)
    }
}
