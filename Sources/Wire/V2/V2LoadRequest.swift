import Foundation

/// The body of an Open Inference Protocol repository load,
/// `POST /v2/repository/models/{name}/load`, in the form Triton accepts: the
/// model configuration and the model files inline, base64.
///
/// ```json
/// {"parameters": {"config": "{\"backend\": \"dashboard\"}", "file:1/model.json": "eyJmb3JtYXRfdmVyc2lvbiI6..."}}
/// ```
///
/// An empty body, `{}` or `{"parameters": {}}` is a load without files (the
/// server reads its model repository). Unknown parameters are refused, naming them.
package struct V2LoadRequest: Equatable {
    /// `parameters.config`: the model configuration as a JSON string.
    package var config: String?
    /// Each `file:<path>` parameter: the path after `file:` and the decoded bytes.
    package var files: [File] = []

    package struct File: Equatable {
        package var path: String
        package var contents: [UInt8]
    }

    package static func decode(_ raw: UnsafeRawBufferPointer) throws(ServingError) -> V2LoadRequest {
        var request = V2LoadRequest()
        var s = JSONScanner(raw)
        guard s.peek() != nil else { return request }
        _ = try s.readObject { s, key throws(ServingError) in
            guard key == "parameters" else { try s.skipValue(); return true }
            _ = try s.readObject { s, name throws(ServingError) in
                try read(name, &s, into: &request)
                return true
            }
            return true
        }
        try s.expectEnd()
        return request
    }

    private static func read(_ name: String, _ s: inout JSONScanner, into request: inout V2LoadRequest) throws(ServingError) {
        switch name {
        case "config":
            guard s.peek() == UInt8(ascii: "\"") else { throw .badRequest("load parameter \"config\" must be a string holding JSON") }
            request.config = try s.readString()
        case let file where file.hasPrefix("file:"):
            let path = String(file.dropFirst("file:".count))
            guard !path.isEmpty, !path.split(separator: "/").contains(".."), !path.hasPrefix("/") else {
                throw .badRequest("load parameter \"\(file)\": the path must be relative, like file:1/model.json")
            }
            guard s.peek() == UInt8(ascii: "\"") else { throw .badRequest("load parameter \"\(file)\" must be a base64 string") }
            let text = try s.readString()
            guard let bytes = Data(base64Encoded: text) else {
                throw .badRequest("load parameter \"\(file)\" is not valid base64 (standard alphabet, padded)")
            }
            request.files.append(File(path: path, contents: Array(bytes)))
        case "unload_dependents":
            try s.skipValue()
        default:
            throw .badRequest("unknown load parameter \"\(name)\": expected \"config\" and \"file:<version>/model.json\"")
        }
    }
}
