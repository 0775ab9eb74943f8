import Engine
import Foundation
import Testing
@testable import Serving
import Wire

/// The server's neat-python decoder: the fast reader where it can, Foundation's
/// decoder otherwise, with the same results and messages either way.
@Suite struct ModelDecoderNeatPythonTests {
    static let minimal = ServerTestSupport.hidden().neatPythonCompactJSON()

    /// Documents the fast reader leaves to Foundation; the decoder's error (or result) is Foundation's.
    static let givesUp = [
        "", "{", "[]", "{}", "null",
        minimal.replacingOccurrences(of: "\"weight\":0.5", with: "\"weight\":\"0.5\""),
        minimal.replacingOccurrences(of: "\"weight\":0.5", with: "\"weight\":1e400"),
        minimal.replacingOccurrences(of: "\"weight\":0.5", with: "\"weight\":\"Infinity\""),
        minimal.replacingOccurrences(of: "\"from\":-1", with: "\"from\":-1.0"),
        minimal.replacingOccurrences(of: "\"from\":-1", with: "\"from\":-1,\"from\":-2"),
        minimal.replacingOccurrences(of: "\"enabled\":false,", with: ""),
        minimal.replacingOccurrences(of: "\"type\":\"output\"", with: "\"type\":\"bias\""),
        minimal.replacingOccurrences(of: "\"network_type\":\"feedforward\",", with: ""),
        minimal + "x",
    ]

    static func decode(_ json: String) throws -> Genome {
        try Array(json.utf8).withUnsafeBytes { try ModelDecoder.neatPython.decode($0, .standard) }
    }

    @Test(arguments: givesUp)
    func leavesOddDocumentsToFoundationWithTheSameError(_ json: String) {
        #expect(NeatPythonNetworkReader.read(Array(json.utf8)) == nil)
        let expected: String
        do { _ = try Genome(neatPythonJSON: json); expected = "decoded" } catch { expected = "\(error)" }
        let got: String
        do { _ = try Self.decode(json); got = "decoded" } catch { got = "\(error)" }
        if expected.hasSuffix("not valid JSON (The given data was not valid JSON.)") {
            // Foundation names nothing here; the decoder names the byte, or the field and the value.
            let named = json.contains("1e400") ? got.hasSuffix("connections[0].weight: 1e400 is beyond the range of a double (±1.8e308)")
                                               : got.contains("malformed JSON at byte")
            #expect(named, "\(got)")
        } else {
            #expect(got.hasSuffix(expected), "\(got) vs \(expected)")
        }
    }

    @Test func validationErrorsAreTheSameAsBefore() {
        // Read fine by the fast reader, rejected by Genome(neatPythonNetwork:) with the message Foundation's path gives.
        let json = Self.minimal.replacingOccurrences(of: "\"format_version\":\"1.0\"", with: "\"format_version\":\"2.0\"")
        #expect(NeatPythonNetworkReader.read(Array(json.utf8)) != nil)
        var message = ""
        do { _ = try Self.decode(json) } catch { message = "\(error)" }
        #expect(message.contains("format_version"))
        #expect(message.contains("\"2.0\" is not supported"))
    }
}
