/// Frames HTTP/1.1 responses read from a socket: one response at a time from
/// the front of a receive buffer, so pipelined answers are read back in order.
///
/// Only what an inference client needs is read from the head: the status, the
/// body's framing (`Content-Length`, `Transfer-Encoding: chunked`, or the rest of
/// the stream when neither is given), `Connection: close`, `Content-Type` and
/// Triton's `Inference-Header-Content-Length`. Every byte is hostile: a head over
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
        /// `Content-Type`'s media type, lowercased, without parameters ("" if absent).
        package var contentType: String
        /// `Inference-Header-Content-Length`, when present and valid.
        package var inferenceHeaderLength: Int?
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
                                closes: head.closes, contentType: head.contentType,
                                inferenceHeaderLength: head.inferenceHeaderLength)
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
        var contentType = ""
        var inferenceHeaderLength: Int?
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

    static func parseHead(_ head: UnsafeRawBufferPointer) -> Result<Head, Problem> {
        var lines = head.split(separator: 0x0A, omittingEmptySubsequences: false).map { line -> Slice<UnsafeRawBufferPointer> in
            line.last == 0x0D ? line.dropLast() : line
        }
        guard !lines.isEmpty else { return .failure(Problem(description: "empty response head")) }
        let statusLine = lines.removeFirst()
        // "HTTP/1.1 200 OK"
        guard statusLine.count >= 12, statusLine.starts(with: Array("HTTP/1.".utf8)),
              statusLine[statusLine.startIndex + 8] == 0x20,
              let status = Int(ascii(statusLine.dropFirst(9).prefix(3))), (100...999).contains(status)
        else {
            return .failure(Problem(description: "not an HTTP/1.x status line: '\(printable(statusLine.prefix(60)))'"))
        }
        var h = Head(status: status)
        for line in lines {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                return .failure(Problem(description: "malformed response header line '\(printable(line.prefix(60)))'"))
            }
            let name = ascii(line[line.startIndex..<colon]).lowercased()
            let value = ascii(line[(colon + 1)...]).trimmingSpaces()
            switch name {
            case "content-length":
                guard let v = Int(value), v >= 0, value.allSatisfy(\.isASCIIDigit) else {
                    return .failure(Problem(description: "Content-Length '\(value.prefix(40))' is not a whole number of bytes"))
                }
                if let old = h.contentLength, old != v {
                    return .failure(Problem(description: "two different Content-Length headers (\(old), \(v))"))
                }
                h.contentLength = v
            case "transfer-encoding":
                let codings = value.lowercased().split(separator: ",").map { $0.trimmingCharacters() }
                guard codings.last == "chunked", codings.allSatisfy({ $0 == "chunked" || $0 == "identity" }) else {
                    return .failure(Problem(description: "unsupported Transfer-Encoding '\(value.prefix(40))'"))
                }
                h.chunked = true
            case "connection":
                if value.lowercased().split(separator: ",").contains(where: { $0.trimmingCharacters() == "close" }) { h.closes = true }
            case "content-type":
                h.contentType = String(value.lowercased().split(separator: ";", maxSplits: 1).first ?? "").trimmingSpaces()
            case "inference-header-content-length":
                guard let v = Int(value), v >= 0, value.allSatisfy(\.isASCIIDigit) else {
                    return .failure(Problem(description: "Inference-Header-Content-Length '\(value.prefix(40))' is not a whole number of bytes"))
                }
                h.inferenceHeaderLength = v
            default: break
            }
        }
        if statusLine[statusLine.startIndex + 7] == UInt8(ascii: "0") { h.closes = true }  // HTTP/1.0 without keep-alive
        return .success(h)
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

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
