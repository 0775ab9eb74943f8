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

/// What a micro benchmark times.
enum BenchClock: String, ExpressibleByArgument, CaseIterable {
    case wall, cpu
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
    @Option(help: "What is timed: wall (elapsed time) or cpu (this thread's CPU time, steadier on a busy machine).")
    var clock: BenchClock = .wall
    @Flag(help: "Print one JSON object as the last line of stdout.") var json = false

    func validate() throws {
        guard inputs > 0, outputs > 0 else { throw ValidationError("--inputs and --outputs must be at least 1") }
        guard hidden >= 0 else { throw ValidationError("--hidden must be 0 or more (got \(hidden))") }
        guard seconds > 0 else { throw ValidationError("--seconds must be positive") }
    }

    func run() throws {
        let genome = FeedForwardBenchmark.denseGenome(inputs: inputs, outputs: outputs, hidden: hidden, seed: 1)
        let benchmark = FeedForwardBenchmark(genome: genome)
        let result = clock == .cpu ? benchmark.run(seconds: seconds, clock: ThreadCPUClock()) : benchmark.run(seconds: seconds)
        if json {
            print(Output.jsonLine([
                "inputs": inputs, "outputs": outputs, "hidden": hidden, "connections": result.connections,
                "ns_per_vector_single": result.nsPerVectorSingle, "ns_per_vector_batch8": result.nsPerVectorBatch8,
                "clock": clock.rawValue,
            ]))
        } else {
            print("dense \(inputs) → \(hidden > 0 ? "\(hidden) → " : "")\(outputs), \(result.connections) connections")
            let unit = clock == .cpu ? "CPU ns/vector" : "ns/vector"
            print("single call:  \(Output.fixed(result.nsPerVectorSingle, 1)) \(unit)")
            print("batches of 8: \(Output.fixed(result.nsPerVectorBatch8, 1)) \(unit)")
        }
    }
}
