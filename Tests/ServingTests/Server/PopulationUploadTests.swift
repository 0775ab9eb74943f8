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
}
