import ArgumentParser
import Engine
import Serving

/// The options of `dashboard train --task duel` (the macro benchmark).
struct DuelBenchOptions: ParsableArguments {
    enum Mode: String, ExpressibleByArgument, CaseIterable { case cpu, remote }

    @Option(help: "Inference mode: cpu (compiled networks in-process) or remote (an HTTP inference server).")
    var mode: Mode = .cpu

    @Option(help: "Remote mode: vectors per request (1 = one vector per POST).")
    var batch: Int = 1

    @Option(help: "Remote mode: requests in flight per worker thread.")
    var concurrency: Int = 4

    @Option(name: .customLong("server-url"), help: "Remote mode: an external server (default: start `dashboard serve` as a child on a free loopback port).")
    var serverURL: String?

    @Option(name: .customLong("server-kind"), help: "Remote mode: auto (ask /healthz), dashboard or onnxruntime.")
    var serverKind: String = "auto"

    @Option(help: "Population size.")
    var population: Int = 150

    @Option(help: "Opponents per genome (k): genome i hosts (i + j + 1) mod P for j < k.")
    var opponents: Int = 5

    @Flag(name: .customLong("round-robin"), help: "Play every pair once instead of k opponents.")
    var roundRobin = false

    @Flag(name: .customLong("no-instrumentation"), help: "Skip all timing and histogram recording (to measure its overhead).")
    var noInstrumentation = false

    @Flag(help: "Print the per-generation stats line to stderr even when a progress bar is shown.")
    var verbose = false

    var inferenceMode: InferenceMode { mode == .cpu ? .cpu : .remote(batch: batch) }

    var schedule: TournamentSchedule { roundRobin ? .roundRobin : .ring(opponents: opponents) }

    func validate() throws {
        guard batch >= 1 && batch <= 4096 else { throw ValidationError("--batch must be between 1 and 4096 (got \(batch))") }
        guard concurrency >= 1 && concurrency <= 1024 else { throw ValidationError("--concurrency must be between 1 and 1024 (got \(concurrency))") }
        guard population >= 2 else { throw ValidationError("--population must be at least 2 (got \(population))") }
        do { try schedule.validate(population: population) } catch { throw ValidationError(error.description) }
        do { _ = try ServerKind(parsing: serverKind) } catch { throw ValidationError("\(error)") }
        if mode == .cpu && serverURL != nil { throw ValidationError("--server-url needs --mode remote") }
    }
}
