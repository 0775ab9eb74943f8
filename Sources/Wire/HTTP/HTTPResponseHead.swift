import NIOCore

/// Writes an HTTP/1.1 response head straight into a `ByteBuffer`, the way the
/// inference server answers: status line, `Content-Type`, `Content-Length`
/// (bodies are never chunked), any further headers, `Server-Timing` written from
/// its four durations, and `Connection` when it differs from the version's default.
///
/// ```swift
/// var out = ByteBuffer()
/// HTTPResponseHead.write(status: 200, reason: "OK", contentType: "application/json",
///                        contentLength: body.readableBytes, serverTiming: timing, into: &out)
/// out.writeImmutableBuffer(body)
/// ```
///
/// Nothing here makes a String: an inference answer's head costs one buffer.
/// A header whose name is not an HTTP token, or whose value holds a control
/// character (CR, LF, NUL, …), is left out rather than written, so no text can
/// split the response.
package enum HTTPResponseHead {
    /// What the head says about the connection.
    package enum Connection: Equatable, Sendable {
        /// HTTP/1.1, kept open: nothing to say.
        case keepAlive
        /// HTTP/1.0 asked to keep the connection: `Connection: keep-alive`.
        case keepAliveHTTP10
        /// Closed after this answer: `Connection: close`.
        case close
    }

    /// Appends the head (ending with the blank line) to `buffer`. `http10`
    /// answers an HTTP/1.0 request in its version.
    package static func write(http10: Bool = false, status: Int, reason: String, contentType: String?, contentLength: Int,
                              headers: [(name: String, value: String)] = [], serverTiming: ServerTimingHeader? = nil,
                              connection: Connection = .keepAlive, into buffer: inout ByteBuffer) {
        buffer.writeStaticString(http10 ? "HTTP/1.0 " : "HTTP/1.1 ")
        InferRequestEncoder.writeDecimal(min(max(status, 100), 999), into: &buffer)
        buffer.writeInteger(UInt8(ascii: " "))
        if isFieldValue(reason) { buffer.writeString(reason) }
        if let contentType, isFieldValue(contentType) {
            buffer.writeStaticString("\r\nContent-Type: ")
            buffer.writeString(contentType)
        }
        buffer.writeStaticString("\r\nContent-Length: ")
        InferRequestEncoder.writeDecimal(contentLength, into: &buffer)
        for (name, value) in headers where isToken(name) && isFieldValue(value) {
            buffer.writeStaticString("\r\n")
            buffer.writeString(name)
            buffer.writeStaticString(": ")
            buffer.writeString(value)
        }
        if let serverTiming {
            buffer.writeStaticString("\r\nServer-Timing: ")
            serverTiming.write(into: &buffer)
        }
        switch connection {
        case .keepAlive: break
        case .keepAliveHTTP10: buffer.writeStaticString("\r\nConnection: keep-alive")
        case .close: buffer.writeStaticString("\r\nConnection: close")
        }
        buffer.writeStaticString("\r\n\r\n")
    }

    /// A header name: one or more token characters (RFC 9110 §5.6.2).
    package static func isToken(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { b in
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return true
            default:
                return "!#$%&'*+-.^_`|~".utf8.contains(b)
            }
        }
    }

    /// A header value without control characters: tab, visible ASCII and bytes from 0x80 (RFC 9110 §5.5).
    package static func isFieldValue(_ value: String) -> Bool {
        value.utf8.allSatisfy { $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }
    }
}
