import NIOCore

/// Writes HTTP/1.1 request heads straight into a `ByteBuffer`, the way the
/// remote backend sends them: `Host`, `Content-Length` always (bodies are
/// never chunked), `Content-Type` when given, and any extra headers.
///
/// ```swift
/// var out = ByteBuffer()
/// HTTPRequestHead.write(method: "POST", path: "/infer", host: "127.0.0.1:8000",
///                       contentType: "application/json", contentLength: body.readableBytes, into: &out)
/// out.writeImmutableBuffer(body)
/// ```
package enum HTTPRequestHead {
    /// Appends the head (ending with the blank line) to `buffer`.
    package static func write(method: String, path: String, host: String, contentType: String?,
                              contentLength: Int, extraHeaders: [(String, String)] = [], into buffer: inout ByteBuffer) {
        buffer.writeString(method)
        buffer.writeInteger(UInt8(ascii: " "))
        buffer.writeString(path)
        buffer.writeStaticString(" HTTP/1.1\r\nHost: ")
        buffer.writeString(host)
        if let contentType {
            buffer.writeStaticString("\r\nContent-Type: ")
            buffer.writeString(contentType)
        }
        buffer.writeStaticString("\r\nContent-Length: ")
        InferRequestEncoder.writeDecimal(contentLength, into: &buffer)
        for (name, value) in extraHeaders {
            buffer.writeStaticString("\r\n")
            buffer.writeString(name)
            buffer.writeStaticString(": ")
            buffer.writeString(value)
        }
        buffer.writeStaticString("\r\n\r\n")
    }

    /// Percent-encodes a path segment (a model name) so any name makes a valid,
    /// unambiguous path: unreserved characters stay, every other byte is `%XX`.
    package static func pathSegment(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out += "%" + String(Unicode.Scalar(hex[Int(b >> 4)])) + String(Unicode.Scalar(hex[Int(b & 15)]))
            }
        }
        return out
    }
}

extension HTTPRequestHead {
    /// Appends a `POST` head whose path `writePath` writes in place (no String
    /// is built per request), with `Content-Length` and, for Triton's binary
    /// tensors, `Inference-Header-Content-Length`.
    @inline(__always)
    package static func writePOST(host: String, contentType: StaticString, contentLength: Int, inferenceHeaderLength: Int? = nil,
                                  into buffer: inout ByteBuffer, writePath: (inout ByteBuffer) -> Void) {
        buffer.writeStaticString("POST ")
        writePath(&buffer)
        buffer.writeStaticString(" HTTP/1.1\r\nHost: ")
        buffer.writeString(host)
        buffer.writeStaticString("\r\nContent-Type: ")
        buffer.writeStaticString(contentType)
        buffer.writeStaticString("\r\nContent-Length: ")
        InferRequestEncoder.writeDecimal(contentLength, into: &buffer)
        if let inferenceHeaderLength {
            buffer.writeStaticString("\r\nInference-Header-Content-Length: ")
            InferRequestEncoder.writeDecimal(inferenceHeaderLength, into: &buffer)
        }
        buffer.writeStaticString("\r\n\r\n")
    }

    /// Appends the head of an inference request: `POST {basePath}/infer` (our API) or,
    /// when `v2`, `POST {basePath}/v2/models/{model}/infer`, where `writeModel` writes
    /// the model's name in place; binary tensors when `inferenceHeaderLength` is set
    /// (the JSON header's length in the body). `writeModel` is not optional: an
    /// optional closure escapes, and this runs once per request.
    @inline(__always)
    package static func writeInferPOST(host: String, basePath: String, v2: Bool, contentLength: Int, inferenceHeaderLength: Int?,
                                       into buffer: inout ByteBuffer, writeModel: (inout ByteBuffer) -> Void) {
        let contentType: StaticString = inferenceHeaderLength != nil ? "application/octet-stream" : "application/json"
        writePOST(host: host, contentType: contentType, contentLength: contentLength, inferenceHeaderLength: inferenceHeaderLength,
                  into: &buffer) { b in
            b.writeString(basePath)
            if v2 {
                b.writeStaticString("/v2/models/")
                writeModel(&b)
            }
            b.writeStaticString("/infer")
        }
    }
}
