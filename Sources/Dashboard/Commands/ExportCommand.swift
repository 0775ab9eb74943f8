import ArgumentParser
import Engine
import Foundation

/// `dashboard export`: one network of a saved population as ONNX or neat-python JSON.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a network from a saved population (dashboard train --save FILE) as ONNX or neat-python JSON.",
        discussion: """
        ONNX: input "input" [N, inputs] float32, output "output" [N, outputs], opset 13; ONNX Runtime's outputs match \
        the engine's within 1e-5. JSON: neat-python's network format 1.0 (importable by `dashboard serve` and neat-python).
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case onnx, json }

    @Option(help: "onnx or json.") var format: Format
    @Option(help: "The saved population file.") var population: String
    @Option(help: "champion (highest fitness) or a genome id.") var genome: String = "champion"
    @Option(name: .shortAndLong, help: "Output file.") var output: String

    func run() throws {
        let file: PopulationFile
        do { file = try PopulationFile.read(from: population) } catch { throw CLIError(error.description) }
        let chosen: Genome
        if genome == "champion" {
            chosen = file.champion!
        } else if let id = Int(genome) {
            guard let g = file.genomes.first(where: { $0.id == id }) else {
                let ids = file.genomes.map(\.id)
                throw CLIError("\(population): no genome with id \(id) (ids \(ids.min()!)…\(ids.max()!))")
            }
            chosen = g
        } else {
            throw ValidationError("--genome must be 'champion' or a genome id (got '\(genome)')")
        }
        let bytes: [UInt8]
        switch format {
        case .onnx: bytes = try onnxModel(for: chosen)
        case .json: bytes = Array(chosen.neatPythonJSON().utf8)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: output), options: .atomic)
        print("wrote genome \(chosen.id) (\(chosen.hiddenCount) hidden, \(chosen.enabledConnectionCount) connections) as \(format.rawValue) to \(output)")
    }
}
