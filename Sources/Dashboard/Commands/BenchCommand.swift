import ArgumentParser
import Engine

/// `dashboard bench`: micro benchmarks that print figures.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Micro benchmarks (build with -c release for real figures).",
        subcommands: [FeedForwardBench.self]
    )
}

/// `dashboard bench feedforward`: ns per vector of the compiled network.
struct FeedForwardBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedforward",
        abstract: "Nanoseconds per vector of a dense compiled network, single calls and batches of 8."
    )

    @Option(help: "Inputs.") var inputs = 100
    @Option(help: "Outputs.") var outputs = 3
    @Option(help: "Hidden nodes (a dense hidden layer: inputs → hidden → outputs).") var hidden = 0
    @Option(help: "Seconds per measurement.") var seconds = 1.0
    @Flag(help: "Print one JSON object as the last line of stdout.") var json = false

    func validate() throws {
        guard inputs > 0, outputs > 0 else { throw ValidationError("--inputs and --outputs must be at least 1") }
        guard hidden >= 0 else { throw ValidationError("--hidden must be 0 or more (got \(hidden))") }
        guard seconds > 0 else { throw ValidationError("--seconds must be positive") }
    }

    func run() throws {
        let genome = FeedForwardBenchmark.denseGenome(inputs: inputs, outputs: outputs, hidden: hidden, seed: 1)
        let result = FeedForwardBenchmark(genome: genome).run(seconds: seconds)
        if json {
            print(Output.jsonLine([
                "inputs": inputs, "outputs": outputs, "hidden": hidden, "connections": result.connections,
                "ns_per_vector_single": result.nsPerVectorSingle, "ns_per_vector_batch8": result.nsPerVectorBatch8,
            ]))
        } else {
            print("dense \(inputs) → \(hidden > 0 ? "\(hidden) → " : "")\(outputs), \(result.connections) connections")
            print("single call:  \(Output.fixed(result.nsPerVectorSingle, 1)) ns/vector")
            print("batches of 8: \(Output.fixed(result.nsPerVectorBatch8, 1)) ns/vector")
        }
    }
}
