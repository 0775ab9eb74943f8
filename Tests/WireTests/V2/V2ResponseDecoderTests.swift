import NIOCore
import Testing
@testable import Wire

@Suite struct V2ResponseDecoderTests {
    /// Decodes `body` (with a binary part when `binary` is given) as `rows × width` floats.
    func decode(_ json: String, binary: [Float]? = nil, rawTail: [UInt8] = [], headerLength: Int? = nil,
                rows: Int = 2, width: Int = 2, output: String = "output") -> Result<[Float], Problem> {
        var bytes = Array(json.utf8)
        var header: Int? = headerLength
        if let binary {
            header = header ?? bytes.count
            for f in binary { withUnsafeBytes(of: f.bitPattern.littleEndian) { bytes += $0 } }
        }
        bytes += rawTail
        var out = [Float](repeating: .nan, count: rows * width)
        let problem = bytes.withUnsafeBytes { raw in
            out.withUnsafeMutableBufferPointer {
                V2ResponseDecoder.decode(raw, headerLength: header, rows: rows, width: width, outputName: output, into: $0.baseAddress!)
            }
        }
        if let problem { return .failure(Problem(text: problem)) }
        return .success(out)
    }

    struct Problem: Error, Equatable { var text: String }

    @Test func jsonDataFlatOrNestedAndUnknownMembersIgnored() {
        let flat = #"{"model_name":"g1-0","id":"x","parameters":{},"outputs":[{"name":"output","datatype":"FP32","shape":[2,2],"parameters":{"content_type":"np"},"data":[0.5,1,-2.25,3e-3]}]}"#
        #expect(decode(flat) == .success([0.5, 1, -2.25, 0.003]))
        let nested = #"{"outputs":[{"data":[[0.7310585975646973,0.5],[0,1]],"shape":[2,2],"datatype":"FP32","name":"output"}]}"#
        #expect(decode(nested) == .success([0.7310586, 0.5, 0, 1]))
    }

    @Test func theNamedOutputIsChosenAmongSeveral() {
        let json = #"{"outputs":[{"name":"other","datatype":"FP32","shape":[1],"data":[9]},{"name":"y","datatype":"FP32","shape":[2,2],"data":[1,2,3,4]}]}"#
        #expect(decode(json, output: "y") == .success([1, 2, 3, 4]))
        #expect(decode(json) == .failure(Problem(text: #"no output named "output" among "other", "y""#)))
    }

    @Test func binaryOutputsAreReadAfterTheHeaderInOrder() {
        let json = #"{"outputs":[{"name":"a","datatype":"FP32","shape":[1,1],"parameters":{"binary_data_size":4}},{"name":"output","datatype":"FP32","shape":[2,2],"parameters":{"binary_data_size":16}}]}"#
        #expect(decode(json, binary: [99, 1.5, -0.0, .infinity, 4]) == .success([1.5, -0.0, .infinity, 4]))
    }

    @Test func mlserverStyleJSONAnswerToABinaryRequestIsRead() {
        // MLServer ignores binary_data_output and answers JSON without the header.
        let json = #"{"model_name":"m","id":"5d1c","parameters":{},"outputs":[{"name":"output","shape":[2,2],"datatype":"FP32","parameters":{"content_type":"np"},"data":[1,2,3,4]}]}"#
        #expect(decode(json, headerLength: nil) == .success([1, 2, 3, 4]))
    }

    @Test(arguments: [
        (#"{"outputs":[{"name":"output","datatype":"FP64","shape":[2,2],"data":[1,2,3,4]}]}"#, #"outputs[0].datatype is "FP64", expected "FP32""#),
        (#"{"outputs":[{"name":"output","shape":[2,2],"data":[1,2,3,4]}]}"#, #"outputs[0].datatype is missing, expected "FP32""#),
        (#"{"outputs":[{"name":"output","datatype":"FP32","shape":[2,3],"data":[1,2,3,4,5,6]}]}"#, "outputs[0].shape is [2, 3], expected [2, 2]"),
        (#"{"outputs":[{"name":"output","datatype":"FP32","data":[1,2,3,4]}]}"#, "outputs[0].shape is missing"),
        (#"{"outputs":[{"name":"output","datatype":"FP32","shape":[2,2],"data":[1,2,3]}]}"#, "outputs[0].data has 3 values, shape [2, 2] needs 4"),
        (#"{"outputs":[{"name":"output","datatype":"FP32","shape":[2,2],"data":[[1,2],[3,4,5]]}]}"#, "outputs[0].data has 5 values, shape [2, 2] needs 4"),
        (#"{"outputs":[{"name":"output","datatype":"FP32","shape":[2,2],"data":[1,2,null,4]}]}"#, "outputs[0].data: value 2 is null (a NaN output written as JSON null)"),
        (#"{"outputs":[{"name":"output","datatype":"FP32","shape":[2,2],"data":[1,2,"3",4]}]}"#, "outputs[0].data: malformed JSON at byte 73: expected a number, found '\"'"),
        (#"{"outputs":[{"name":"output","datatype":"FP32","shape":[2,2],"data":[1,2,1e39,4]}]}"#, "outputs[0].data: number 1e39 at byte 73 is outside the Float range (±3.4028235e38)"),
        (#"{"outputs":[{"name":"output","datatype":"FP32","shape":[2,2]}]}"#, "outputs[0] has neither data nor parameters.binary_data_size"),
        (#"{"outputs":[]}"#, "response has no outputs"),
        (#"{"error":"unknown model"}"#, #"response header: no "outputs" member"#),
        (#"[1,2]"#, "response header: expected a JSON object, received '[1,2]'"),
        (#"{"outputs":[{"name":"output","datatype":"FP32","shape":[2.5,2],"data":[1,2,3,4]}]}"#, "response header: malformed JSON at byte 56: expected a whole number for outputs[0].shape, found '2'"),
        (#"{"outputs":[{"name":"output","datatype":"FP32","shape":[2,2],"data":[1,2,3,4]}]} x"#, "response header: malformed JSON at byte 81: expected end of body after the top-level value, found 'x'"),
        (#"{"outputs":[{"name":"output","datatype":"FP32","shape":[2,2],"data":[1,2,3,4],"parameters":{"binary_data_size":16}}]}"#, "response header: outputs[0] has both data and parameters.binary_data_size"),
    ])
    func malformedJSONAnswersAreClearErrors(json: String, problem: String) {
        #expect(decode(json) == .failure(Problem(text: problem)))
    }

    @Test func badBinaryFramingIsAClearError() {
        let header = #"{"outputs":[{"name":"output","datatype":"FP32","shape":[2,2],"parameters":{"binary_data_size":12}}]}"#
        #expect(decode(header, binary: [1, 2, 3]) == .failure(Problem(text: "outputs[0].parameters.binary_data_size is 12 but shape [2, 2] of FP32 takes 16 bytes")))
        let right = #"{"outputs":[{"name":"output","datatype":"FP32","shape":[2,2],"parameters":{"binary_data_size":16}}]}"#
        #expect(decode(right, binary: [1, 2, 3]) == .failure(Problem(text: "outputs claim 16 bytes of binary data (parameters.binary_data_size) but 12 bytes follow the JSON header")))
        #expect(decode(right, binary: [1, 2, 3, 4], rawTail: [0]) == .failure(Problem(text: "outputs claim 16 bytes of binary data (parameters.binary_data_size) but 17 bytes follow the JSON header")))
        #expect(decode(right, binary: [1, 2, 3, 4], headerLength: 5000) == .failure(Problem(text: "Inference-Header-Content-Length 5000 is past the end of the \(right.utf8.count + 16)-byte body")))
        #expect(decode(right, headerLength: nil) == .failure(Problem(text: "outputs claim 16 bytes of binary data (parameters.binary_data_size) but the answer has no Inference-Header-Content-Length")))
        let negative = #"{"outputs":[{"name":"output","datatype":"FP32","shape":[2,2],"parameters":{"binary_data_size":-16}}]}"#
        #expect(decode(negative, binary: []) == .failure(Problem(text: "response header: outputs[0].parameters.binary_data_size is negative (-16)")))
    }

    @Test func hostileBytesNeverCrash() {
        // Truncations of a valid binary answer at every length, and random bytes: an error or a value, never a trap.
        let header = #"{"outputs":[{"name":"output","datatype":"FP32","shape":[2,2],"parameters":{"binary_data_size":16}}]}"#
        var full = Array(header.utf8)
        for f: Float in [1, 2, 3, 4] { withUnsafeBytes(of: f.bitPattern.littleEndian) { full += $0 } }
        var out = [Float](repeating: 0, count: 4)
        for n in 0...full.count {
            for h in [nil, header.utf8.count, n] as [Int?] {
                _ = full.prefix(n).withUnsafeBytes { raw in
                    out.withUnsafeMutableBufferPointer { V2ResponseDecoder.decode(raw, headerLength: h, rows: 2, width: 2, outputName: "output", into: $0.baseAddress!) }
                }
            }
        }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let junk = (0..<Int.random(in: 0..<200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            _ = junk.withUnsafeBytes { raw in
                out.withUnsafeMutableBufferPointer { V2ResponseDecoder.decode(raw, headerLength: min(junk.count, 10), rows: 2, width: 2, outputName: "output", into: $0.baseAddress!) }
            }
        }
    }

    @Test func serverMetadataListsExtensions() {
        #expect(V2ServerMetadata.parse(#"{"name":"onnx-server","version":"1.1.0","extensions":["binary_tensor_data","model_repository"],"onnxruntime":"1.32.0"}"#)
                == V2ServerMetadata(name: "onnx-server", version: "1.1.0", extensions: ["binary_tensor_data", "model_repository"]))
        #expect(V2ServerMetadata.parse(#"{"name":"mlserver","version":"1.7.1","extensions":[]}"#)?.extensions == [])
        #expect(V2ServerMetadata.parse(#"{"version":"1"}"#) == nil)
        #expect(V2ServerMetadata.parse("not json") == nil)
    }
}
