import Engine
import NIOCore
import Testing
@testable import Serving
import Wire

@Suite struct PopulationUploadTests {
    /// A population body of `pieces` and where each network lies in it.
    static func split(_ pieces: [(String, String)]) throws -> (PopulationDocument, ByteBuffer) {
        let body = ByteBuffer(string: "{\"models\":{" + pieces.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}}")
        let doc = try body.withUnsafeReadableBytes { try PopulationDocument.split($0, limits: .standard) }
        return (doc, body)
    }

    @Test func parallelBuildKeepsBodyOrderAndReportsTheFirstBadModel() throws {
        let genomes = (0..<40).map { ServerTestSupport.dense(inputs: 1 + $0 % 7, outputs: 1 + $0 % 3, seed: $0) }
        let pieces = genomes.enumerated().map { ("m\($0.offset)", $0.element.neatPythonCompactJSON()) }
        let (doc, body) = try Self.split(pieces)
        let models = try PopulationUpload.build(doc, body: body, decoder: .neatPython, limits: .standard, threads: 2)
        #expect(models.map(\.id) == pieces.map(\.0))
        #expect(models.map(\.genome) == genomes)
        var bad = pieces
        bad[31].1 = "{}"
        bad[12].1 = "[1]"
        let (badDoc, badBody) = try Self.split(bad)
        let error = #expect(throws: ServingError.self) {
            _ = try PopulationUpload.build(badDoc, body: badBody, decoder: .neatPython, limits: .standard, threads: 2)
        }
        #expect(error?.message.contains("model 'm12'") == true)
    }

    /// The split finds each network by its brackets only; what is malformed inside one is
    /// named by its decoder, with the model and the byte within that network.
    @Test func malformedJSONInsideANetworkIsNamedByItsModel() throws {
        let good = ServerTestSupport.dense(inputs: 2, outputs: 1, seed: 1).neatPythonCompactJSON()
        let broken = good.replacingOccurrences(of: "\"weight\":", with: "\"weight\":1..") // 1..0.5: not a number
        let (doc, body) = try Self.split([("m0", good), ("m1", broken)])
        #expect(doc.models.map(\.id) == ["m0", "m1"])
        let error = #expect(throws: ServingError.self) {
            _ = try PopulationUpload.build(doc, body: body, decoder: .neatPython, limits: .standard, threads: 1)
        }
        #expect(error?.message.contains("model 'm1'") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("malformed JSON at byte") == true, "\(error?.message ?? "")")
        // A network the body ends inside is refused by the split itself.
        let cut = "{\"models\":{\"m0\":" + good.dropLast()
        let splitError = #expect(throws: ServingError.self) {
            _ = try ByteBuffer(string: cut).withUnsafeReadableBytes { try PopulationDocument.split($0, limits: .standard) }
        }
        #expect(splitError?.message.contains("the end of the object that starts at byte 16") == true, "\(splitError?.message ?? "")")
    }
}
