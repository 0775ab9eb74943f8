/// Frames HTTP/1.1 responses read from a socket: one response at a time from
/// the front of a receive buffer, so pipelined answers are read back in order.
///
/// Only what an inference client needs is read from the head: the status, the
/// body's framing (`Content-Length`, `Transfer-Encoding: chunked`, or the rest of
/// the stream when neither is given), `Connection: close` and Triton's
/// `Inference-Header-Content-Length` (a binary v2 answer), and
/// `Server-Timing` (the server's share of the request, `ServerTimingHeader`). Reading a head makes
/// no String: names are compared and numbers read byte by byte. Every byte is hostile: a head over
/// `maxHeadBytes`, a body over `maxBodyBytes`, a malformed status line, length or
/// chunk size is an error naming what was wrong, never a crash.
///
/// ```swift
/// switch HTTPResponseParser.frame(bytes, maxBodyBytes: 1 << 26) {
/// case .complete(let r): use(bytes[r.body]); drop(r.consumed)
/// case .incomplete: readMore()
/// case .invalid(let why): closeConnection(why)
/// }
/// ```
package enum HTTPResponseParser {
    /// Largest response head (status line and headers) accepted.
    package static let maxHeadBytes = 64 * 1024

    /// One framed response: where its body lies in the buffer and what its head said.
    package struct Response: Equatable, Sendable {
        package var status: Int
        /// Bytes of the buffer this response occupies (head and body, chunk framing included).
        package var consumed: Int
        /// The body's range in the buffer. For a chunked body this is only valid
        /// after `dechunk` has moved the chunks together.
        package var body: Range<Int>
        /// The body is chunked: call `dechunk` before reading it.
        package var chunked: Bool
        /// The server closes the connection after this response.
        package var closes: Bool
        /// `Inference-Header-Content-Length`, when present and valid.
        package var inferenceHeaderLength: Int?
        /// The server's share of the request (`Server-Timing`), when present and readable.
        package var serverTiming: ServerTimingHeader? = nil
    }

    package enum Outcome: Equatable, Sendable {
        case complete(Response)
        /// More bytes are needed. `untilClose` is true when the body runs to the end of
        /// the stream (no length given): at end of stream the response is what was read.
        case incomplete(untilClose: Bool)
        case invalid(String)
    }

    /// Frames the response at the start of `bytes`.
    ///
    /// - Parameters:
    ///   - atEndOfStream: the peer has closed: a body without a length ends here.
    package static func frame(_ bytes: UnsafeRawBufferPointer, maxBodyBytes: Int,
                              atEndOfStream: Bool = false) -> Outcome {
        guard let headEnd = findHeadEnd(bytes) else {
            if bytes.count > maxHeadBytes { return .invalid("response head is over \(maxHeadBytes) bytes") }
            return .incomplete(untilClose: false)
        }
        var head: Head
        switch parseHead(UnsafeRawBufferPointer(rebasing: bytes[0..<headEnd])) {
        case .success(let h): head = h
        case .failure(let e): return .invalid(e.description)
        }
        let bodyStart = headEnd + 4
        // 1xx (100 Continue) carries no body and precedes the real answer: skip it.
        if (100..<200).contains(head.status) {
            let rest = UnsafeRawBufferPointer(rebasing: bytes[bodyStart...])
            switch frame(rest, maxBodyBytes: maxBodyBytes, atEndOfStream: atEndOfStream) {
            case .complete(var r):
                r.consumed += bodyStart
                r.body = (r.body.lowerBound + bodyStart)..<(r.body.upperBound + bodyStart)
                return .complete(r)
            case let other: return other
            }
        }
        var response = Response(status: head.status, consumed: bodyStart, body: bodyStart..<bodyStart, chunked: false,
                                closes: head.closes,
                                inferenceHeaderLength: head.inferenceHeaderLength, serverTiming: head.serverTiming)
        if head.status == 204 || head.status == 304 { return .complete(response) }
        if head.chunked {
            switch scanChunks(bytes, from: bodyStart, maxBodyBytes: maxBodyBytes) {
            case .success(let (end, bodyLength)?):
                response.consumed = end
                response.body = bodyStart..<(bodyStart + bodyLength)
                response.chunked = true
                return .complete(response)
            case .success(nil): return .incomplete(untilClose: false)
            case .failure(let e): return .invalid(e.description)
            }
        }
        if let length = head.contentLength {
            guard length <= maxBodyBytes else {
                return .invalid("response body of \(length) bytes is over the client's limit of \(maxBodyBytes) bytes")
            }
            guard bytes.count - bodyStart >= length else { return .incomplete(untilClose: false) }
            response.body = bodyStart..<(bodyStart + length)
            response.consumed = bodyStart + length
            return .complete(response)
        }
        // No length: the body is the rest of the stream.
        let length = bytes.count - bodyStart
        if length > maxBodyBytes {
            return .invalid("response body of more than \(maxBodyBytes) bytes is over the client's limit")
        }
        guard atEndOfStream else { return .incomplete(untilClose: true) }
        response.body = bodyStart..<bytes.count
        response.consumed = bytes.count
        response.closes = true
        return .complete(response)
    }

    /// Moves a chunked body's data together so it lies at `response.body`.
    /// The chunk framing was checked by `frame`.
    package static func dechunk(_ bytes: UnsafeMutableRawBufferPointer, _ response: Response) {
        var read = response.body.lowerBound, write = response.body.lowerBound
        while true {
            var size = 0
            while let d = hexDigit(bytes[read]) { size = size * 16 + d; read += 1 }
            while bytes[read] != UInt8(ascii: "\n") { read += 1 }  // extensions, CR
            read += 1
            if size == 0 { return }
            if write != read {
                (bytes.baseAddress! + write).copyMemory(from: bytes.baseAddress! + read, byteCount: size)
            }
            write += size
            read += size + 2
        }
    }

    // MARK: Head

    struct Head {
        var status: Int
        var contentLength: Int?
        var chunked = false
        var closes = false
        var inferenceHeaderLength: Int?
        var serverTiming: ServerTimingHeader?
    }

    struct Problem: Error, CustomStringConvertible { var description: String }

    /// The offset of the CRLFCRLF that ends the head, if present.
    static func findHeadEnd(_ bytes: UnsafeRawBufferPointer) -> Int? {
        let n = bytes.count
        var i = 0
        while i + 3 < n, i <= maxHeadBytes {
            if bytes[i + 3] == 0x0A, bytes[i] == 0x0D, bytes[i + 1] == 0x0A, bytes[i + 2] == 0x0D { return i }
            i += 1
        }
        return nil
    }

    /// Reads the status line and the few headers the client needs, byte by byte:
    /// no String is made except for a header value that is wrong (for the message).
    static func parseHead(_ head: UnsafeRawBufferPointer) -> Result<Head, Problem> {
        let n = head.count
        func lineEnd(from i: Int) -> Int {
            var j = i
            while j < n, head[j] != 0x0A { j += 1 }
            return j
        }
        func trimmed(_ r: Range<Int>) -> Range<Int> {
            var lo = r.lowerBound, hi = r.upperBound
            while hi > lo, head[hi - 1] == 0x0D || head[hi - 1] == 0x20 || head[hi - 1] == 0x09 { hi -= 1 }
            while lo < hi, head[lo] == 0x20 || head[lo] == 0x09 { lo += 1 }
            return lo..<hi
        }
        func text(_ r: Range<Int>, max: Int = 60) -> String { printable(head[r].prefix(max)) }
        let first = trimmed(0..<lineEnd(from: 0))
        // "HTTP/1.1 200 OK"
        let prefix: [UInt8] = Array("HTTP/1.".utf8)
        guard first.count >= 12, (0..<7).allSatisfy({ head[first.lowerBound + $0] == prefix[$0] }),
              head[first.lowerBound + 8] == 0x20,
              let status = digits(head, (first.lowerBound + 9)..<(first.lowerBound + 12)), status >= 100
        else {
            return .failure(Problem(description: "not an HTTP/1.x status line: '\(text(first))'"))
        }
        var h = Head(status: status)
        if head[first.lowerBound + 7] == UInt8(ascii: "0") { h.closes = true }  // HTTP/1.0 without keep-alive
        var i = lineEnd(from: 0) + 1
        while i < n {
            let end = lineEnd(from: i)
            let line = trimmed(i..<end)
            i = end + 1
            if line.isEmpty { continue }
            guard let colon = head[line].firstIndex(of: UInt8(ascii: ":")) else {
                return .failure(Problem(description: "malformed response header line '\(text(line))'"))
            }
            let name = line.lowerBound..<colon
            let value = trimmed((colon + 1)..<line.upperBound)
            if nameIs(head, name, "content-length") {
                guard let v = digits(head, value) else {
                    return .failure(Problem(description: "Content-Length '\(text(value, max: 40))' is not a whole number of bytes"))
                }
                if let old = h.contentLength, old != v {
                    return .failure(Problem(description: "two different Content-Length headers (\(old), \(v))"))
                }
                h.contentLength = v
            } else if nameIs(head, name, "transfer-encoding") {
                let codings = text(value, max: 200).lowercased().split(separator: ",").map { $0.trimmingCharacters() }
                guard codings.last == "chunked", codings.allSatisfy({ $0 == "chunked" || $0 == "identity" }) else {
                    return .failure(Problem(description: "unsupported Transfer-Encoding '\(text(value, max: 40))'"))
                }
                h.chunked = true
            } else if nameIs(head, name, "connection") {
                if text(value, max: 200).lowercased().split(separator: ",").contains(where: { $0.trimmingCharacters() == "close" }) { h.closes = true }
            } else if nameIs(head, name, "inference-header-content-length") {
                guard let v = digits(head, value) else {
                    return .failure(Problem(description: "Inference-Header-Content-Length '\(text(value, max: 40))' is not a whole number of bytes"))
                }
                h.inferenceHeaderLength = v
            } else if nameIs(head, name, "server-timing") {
                h.serverTiming = ServerTimingHeader.parse(UnsafeRawBufferPointer(rebasing: head[value]))
            }
        }
        return .success(h)
    }

    /// Whether `bytes[range]` is `lowercase` in any case.
    @inline(__always)
    static func nameIs(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ lowercase: StaticString) -> Bool {
        guard range.count == lowercase.utf8CodeUnitCount else { return false }
        let p = lowercase.utf8Start
        for k in 0..<range.count where bytes[range.lowerBound + k] | 0x20 != p[k] { return false }
        return true
    }

    /// The decimal number in `bytes[range]`: 1 to 15 digits and nothing else.
    @inline(__always)
    static func digits(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 15 else { return nil }
        var v = 0
        for k in range {
            let b = bytes[k]
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            v = v * 10 + Int(b - UInt8(ascii: "0"))
        }
        return v
    }

    /// Checks the chunks from `start`: nil if incomplete, else (end offset, body bytes).
    static func scanChunks(_ bytes: UnsafeRawBufferPointer, from start: Int, maxBodyBytes: Int) -> Result<(Int, Int)?, Problem> {
        var i = start, total = 0
        let n = bytes.count
        while true {
            var size = 0, digits = 0
            while i < n, let d = hexDigit(bytes[i]) {
                size = size * 16 + d
                digits += 1
                i += 1
                if digits > 8 { return .failure(Problem(description: "chunk size has more than 8 hex digits")) }
            }
            guard i < n else { return .success(nil) }
            guard digits > 0 else { return .failure(Problem(description: "malformed chunk size at byte \(i - start) of the body")) }
            // Skip chunk extensions up to the LF (bounded).
            var scanned = 0
            while i < n, bytes[i] != 0x0A {
                i += 1; scanned += 1
                if scanned > 1024 { return .failure(Problem(description: "chunk extension over 1024 bytes")) }
            }
            guard i < n else { return .success(nil) }
            i += 1
            total += size
            if total > maxBodyBytes {
                return .failure(Problem(description: "chunked response body of more than \(maxBodyBytes) bytes is over the client's limit"))
            }
            if size == 0 {
                // Trailers (none expected): skip lines until an empty one.
                while true {
                    guard let lf = (i < n ? UnsafeRawBufferPointer(rebasing: bytes[i...]).firstIndex(of: 0x0A) : nil) else { return .success(nil) }
                    let lineLength = lf  // relative
                    i += lf + 1
                    if lineLength == 0 || (lineLength == 1 && bytes[i - 2] == 0x0D) { return .success((i, total)) }
                }
            }
            guard n - i >= size + 2 else { return .success(nil) }
            i += size
            guard bytes[i] == 0x0D, bytes[i + 1] == 0x0A else {
                return .failure(Problem(description: "chunk of \(size) bytes is not followed by CRLF"))
            }
            i += 2
        }
    }

    @inline(__always)
    static func hexDigit(_ b: UInt8) -> Int? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(b - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    static func ascii<S: Collection>(_ bytes: S) -> String where S.Element == UInt8 {
        String(decoding: bytes, as: UTF8.self)
    }

    static func printable<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        String(String.UnicodeScalarView(bytes.map { (0x20..<0x7F).contains($0) ? Unicode.Scalar($0) : "?" }))
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> String { String(self).trimmingSpaces() }
}
