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

/// `dashboard bench feedforward`: ns per vector of the compiled network, optionally
/// as a ratio of a reference kernel timed in the same run.
struct FeedForwardBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedforward",
        abstract: "Nanoseconds per vector of a compiled network, single calls and batches of 8.",
        discussion: """
            The network is dense (every input to every output, or through a dense hidden layer with --hidden), or \
            shaped like an evolved duel network with --density (each input-output connection kept with that \
            probability) and --grown (hidden nodes added by splitting connections, as NEAT's add-node mutation does). \
            --reference LIBRARY times a reference kernel on the same network in the same run, interleaved with ours, \
            and prints our time as a ratio of it: scripts/bench-feedforward builds one from plain C with \
            -O3 -march=native -ffast-math and prints the ratios for every shape the tasks produce.
            """
    )

    @Option(help: "Inputs.") var inputs = 100
    @Option(help: "Outputs.") var outputs = 3
    @Option(help: "Hidden nodes (a dense hidden layer: inputs → hidden → outputs).") var hidden = 0
    @Option(help: "Probability of each input → output connection (below 1: a sparse network like the duel's, which starts at 0.1).")
    var density = 1.0
    @Option(help: "Hidden nodes grown into the sparse network by splitting connections.") var grown = 0
    @Option(help: "Seconds per measurement.") var seconds = 1.0
    @Option(help: "Slices each measurement is cut into, alternating with the reference's (figures: the median).") var rounds = 1
    @Option(help: "What is timed: wall (elapsed time) or cpu (this thread's CPU time, steadier on a busy machine).")
    var clock: BenchClock = .wall
    @Option(help: "A shared library with the reference kernel (see scripts/bench-feedforward).") var reference: String?
    @Flag(help: "Print one JSON object as the last line of stdout.") var json = false

    var sparse: Bool { density < 1 || grown > 0 }

    func validate() throws {
        guard inputs > 0, outputs > 0 else { throw ValidationError("--inputs and --outputs must be at least 1") }
        guard hidden >= 0 else { throw ValidationError("--hidden must be 0 or more (got \(hidden))") }
        guard density > 0, density <= 1 else { throw ValidationError("--density must be in (0, 1] (got \(density))") }
        guard grown >= 0 else { throw ValidationError("--grown must be 0 or more (got \(grown))") }
        guard !(sparse && hidden > 0) else { throw ValidationError("--hidden (a dense layer) cannot be combined with --density or --grown") }
        guard seconds > 0 else { throw ValidationError("--seconds must be positive") }
        guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1 (got \(rounds))") }
    }

    var shape: String {
        if sparse { return "sparse \(inputs) → \(outputs) (density \(density)\(grown > 0 ? ", \(grown) grown hidden" : ""))" }
        return "dense \(inputs) → \(hidden > 0 ? "\(hidden) → " : "")\(outputs)"
    }

    func run() throws {
        let genome = sparse
            ? FeedForwardBenchmark.sparseGenome(inputs: inputs, outputs: outputs, density: density, grown: grown, seed: 1)
            : FeedForwardBenchmark.denseGenome(inputs: inputs, outputs: outputs, hidden: hidden, seed: 1)
        let benchmark = FeedForwardBenchmark(genome: genome)
        let loaded = try reference.map { path in
            do { return try FeedForwardReference(path: path, network: benchmark.network) } catch { throw ValidationError("\(error)") }
        }
        let result = withExtendedLifetime(loaded) {
            clock == .cpu
                ? benchmark.run(seconds: seconds, clock: ThreadCPUClock(), rounds: rounds, reference: loaded?.kernel)
                : benchmark.run(seconds: seconds, rounds: rounds, reference: loaded?.kernel)
        }
        if json {
            var object: [String: Any] = [
                "inputs": inputs, "outputs": outputs, "hidden": hidden, "density": density, "grown": grown, "shape": shape,
                "nodes": benchmark.network.nodeCount, "connections": result.connections,
                "ns_per_vector_single": result.nsPerVectorSingle, "ns_per_vector_batch8": result.nsPerVectorBatch8,
                "clock": clock.rawValue, "rounds": rounds,
            ]
            if let r = result.reference {
                object["reference_ns_per_vector_single"] = r.nsPerVectorSingle
                object["reference_ns_per_vector_batch8"] = r.nsPerVectorBatch8
                object["ratio_single"] = r.ratioSingle
                object["ratio_batch8"] = r.ratioBatch8
                object["reference_max_difference"] = Double(r.maxDifference)
            }
            print(Output.jsonLine(object))
        } else {
            print("\(shape): \(benchmark.network.nodeCount) nodes, \(result.connections) connections")
            let unit = clock == .cpu ? "CPU ns/vector" : "ns/vector"
            guard let r = result.reference else {
                print("single call:  \(Output.fixed(result.nsPerVectorSingle, 1)) \(unit)")
                print("batches of 8: \(Output.fixed(result.nsPerVectorBatch8, 1)) \(unit)")
                return
            }
            print(Output.table(header: ["", "ours \(unit)", "reference \(unit)", "ours ÷ reference"], rows: [
                ["single call", Output.fixed(result.nsPerVectorSingle, 1), Output.fixed(r.nsPerVectorSingle, 1), Output.fixed(r.ratioSingle, 2)],
                ["batches of 8", Output.fixed(result.nsPerVectorBatch8, 1), Output.fixed(r.nsPerVectorBatch8, 1), Output.fixed(r.ratioBatch8, 2)],
            ]))
            print("largest difference from the reference's outputs: \(r.maxDifference)")
        }
    }
}
