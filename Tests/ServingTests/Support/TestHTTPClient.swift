import Foundation
import Glibc
import Testing
@testable import Serving
import Wire

/// A blocking one-request-per-connection HTTP/1.1 client for tests of the
/// server: the remote backend's own socket and response framing, plus every
/// header of the answer (lowercased names).
enum TestHTTPClient {
    struct Answer: Sendable {
        var status: Int
        var body: String
        var headers: [String: String]
    }

    /// Sends one request to 127.0.0.1:`port` and reads the answer (10 s at most).
    static func call(port: Int, _ method: String, _ path: String, contentType: String? = "application/json",
                     body: String? = nil, extraHeaders: [(String, String)] = []) throws -> Answer {
        let deadline = Monotonic.now() + 10_000_000_000
        var request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        if let contentType { request += "Content-Type: \(contentType)\r\n" }
        for (name, value) in extraHeaders { request += "\(name): \(value)\r\n" }
        request += "Content-Length: \(body?.utf8.count ?? 0)\r\n\r\n" + (body ?? "")
        let socket = try send(request, port: port, deadline: deadline)
        defer { socket.close() }
        var received = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65536)
        var closed = false
        while true {
            let outcome = received.withUnsafeBytes { HTTPResponseParser.frame($0, maxBodyBytes: 1 << 26, atEndOfStream: closed) }
            switch outcome {
            case .complete(let r):
                var bytes = received
                if r.chunked { bytes.withUnsafeMutableBytes { HTTPResponseParser.dechunk($0, r) } }
                let head = String(decoding: bytes[..<(r.body.lowerBound)], as: UTF8.self)
                var headers = [String: String]()
                for line in head.split(separator: "\r\n").dropFirst() {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
                return Answer(status: r.status, body: String(decoding: bytes[r.body], as: UTF8.self), headers: headers)
            case .invalid(let why):
                throw TransportError.address("invalid response: \(why)")
            case .incomplete:
                if closed { throw TransportError.closed }
                guard try socket.wait(events: Int16(POLLIN), deadline: deadline) == .ready else { throw TransportError.connectTimeout }
                let n = try chunk.withUnsafeMutableBytes { try socket.readSome(into: $0) }
                if let n {
                    if n == 0 { closed = true } else { received += chunk[..<n] }
                }
            }
        }
    }

    /// Sends `request` (raw bytes, any number of requests) to 127.0.0.1:`port`, then reads
    /// until the server closes the connection (10 s at most) and returns every byte it sent.
    static func exchange(port: Int, _ request: String) throws -> [UInt8] {
        let deadline = Monotonic.now() + 10_000_000_000
        let socket = try send(request, port: port, deadline: deadline)
        defer { socket.close() }
        var received = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            guard try socket.wait(events: Int16(POLLIN), deadline: deadline) == .ready else { throw TransportError.connectTimeout }
            let n = try chunk.withUnsafeMutableBytes { try socket.readSome(into: $0) }
            guard let n else { continue }
            if n == 0 { return received }
            received += chunk[..<n]
        }
    }

    /// Connects to 127.0.0.1:`port` and writes all of `request`.
    private static func send(_ request: String, port: Int, deadline: UInt64) throws -> TCPSocket {
        let socket = try TCPSocket.connect(to: try SocketAddress.resolve(host: "127.0.0.1", port: port), deadline: deadline)
        do {
            try write(request, to: socket, deadline: deadline)
        } catch {
            socket.close()
            throw error
        }
        return socket
    }

    private static func write(_ request: String, to socket: TCPSocket, deadline: UInt64) throws {
        var out = Array(request.utf8)[...]
        while !out.isEmpty {
            let n = try out.withUnsafeBytes { try socket.writeSome($0) }
            if n == 0 { _ = try socket.wait(events: Int16(POLLOUT), deadline: deadline) }
            out = out.dropFirst(n)
        }
    }

    /// A conversation on one connection, for a test that must see part of an answer before it
    /// sends the rest (`Expect: 100-continue`): `send` writes, `read` takes what arrives.
    final class Conversation {
        private let socket: TCPSocket
        private let deadline = Monotonic.now() + 10_000_000_000
        /// Every byte the server has sent.
        private(set) var received = [UInt8]()
        private(set) var closed = false

        init(port: Int, _ first: String) throws {
            socket = try TestHTTPClient.send(first, port: port, deadline: deadline)
        }

        deinit { socket.close() }

        func send(_ bytes: String) throws { try TestHTTPClient.write(bytes, to: socket, deadline: deadline) }

        /// Reads until `enough(received)` holds or the server closes the connection; false when
        /// neither happens within `seconds`.
        func read(within seconds: Double, until enough: ([UInt8]) -> Bool = { _ in false }) throws -> Bool {
            let until = min(deadline, Monotonic.now() + UInt64(seconds * 1e9))
            var chunk = [UInt8](repeating: 0, count: 65536)
            while !enough(received), !closed {
                guard try socket.wait(events: Int16(POLLIN), deadline: until) == .ready else { return false }
                let n = try chunk.withUnsafeMutableBytes { try socket.readSome(into: $0) }
                guard let n else { continue }
                if n == 0 { closed = true } else { received += chunk[..<n] }
            }
            return true
        }
    }

    /// The answers in `bytes`, in order; `headOnly` holds the indexes of answers to `HEAD` requests (no body).
    static func answers(in bytes: [UInt8], headOnly: Set<Int> = []) throws -> [(head: String, answer: Answer)] {
        var rest = bytes[...]
        var found = [(head: String, answer: Answer)]()
        while !rest.isEmpty {
            let blank = try #require(rest.indices.first { rest[$0...].starts(with: Array("\r\n\r\n".utf8)) }, "no end of head")
            let head = String(decoding: rest[..<(blank + 4)], as: UTF8.self)
            var headers = [String: String]()
            for line in head.split(separator: "\r\n").dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            let status = Int(head.split(separator: " ")[1]) ?? -1
            let length = headOnly.contains(found.count) ? 0 : Int(headers["content-length"] ?? "0") ?? 0
            let body = rest[(blank + 4)...].prefix(length)
            try #require(body.count == length, "answer \(found.count) is cut short")
            found.append((head, Answer(status: status, body: String(decoding: body, as: UTF8.self), headers: headers)))
            rest = rest[(blank + 4 + length)...]
        }
        return found
    }
}
