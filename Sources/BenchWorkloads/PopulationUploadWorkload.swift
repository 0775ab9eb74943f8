import Engine
import Wire

/// Decodes one `PUT /v1/population` body of 16 duel networks (dense 100 → 3, as
/// neat-python network JSON): split the document, then read each network with the
/// byte-level reader and build its genome with the engine's checks, as the
/// built-in server does before compiling.
final class PopulationUploadWorkload: Workload {
    static let models = 16
    let body: [UInt8]

    init() {
        let networks = (0..<Self.models).map { i in
            let genome = FeedForwardBenchmark.denseGenome(inputs: DuelRules.observationSize, outputs: DuelRules.actionCount,
                                                          hidden: 0, seed: UInt64(100 + i))
            return "\"m\(i)\": " + genome.neatPythonJSON()
        }
        body = Array(("{\"models\": {" + networks.joined(separator: ", ") + "}, \"default\": \"m0\"}").utf8)
    }

    func run() -> UInt64 {
        var sum = checksumSeed
        body.withUnsafeBytes { raw in
            do {
                let document = try PopulationDocument.split(raw, limits: .standard)
                for (_, range) in document.models {
                    guard let network = NeatPythonNetworkReader.read(UnsafeRawBufferPointer(rebasing: raw[range])) else {
                        fatalError("the byte-level reader gave up on a network of the fixed upload")
                    }
                    let genome = try Genome(neatPythonNetwork: network)
                    mix(&sum, UInt64(genome.connections.count))
                    mix(&sum, genome.connections[0].weight.bitPattern)
                }
            } catch {
                fatalError("the fixed population upload does not decode: \(error)")
            }
        }
        return sum
    }
}
