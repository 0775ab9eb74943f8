import ArgumentParser
import Engine
import Serving

/// The command-line options of `dashboard train --task duel` (the macro benchmark):
/// how inference runs, and the duel's tournament, fitness and mutation settings.
struct DuelCommandOptions: ParsableArguments {
    @Option(help: "Inference mode: cpu (compiled networks in-process) or remote (an HTTP inference server).")
    var mode: InferenceModeOption = .cpu

    @Option(help: "Remote mode: vectors per request (1 = one vector per POST).")
    var batch: Int = 1

    @Option(help: "Remote mode: requests in flight per worker thread.")
    var concurrency: Int = 4

    @Option(name: .customLong("server-url"), help: "Remote mode: an external server (default: start `dashboard serve` as a child on a free loopback port).")
    var serverURL: String?

    @Option(name: .customLong("server-pid"), help: ArgumentHelp("Remote mode with --server-url: the external server's process id on this machine, whose threads the bottleneck verdict then reads from /proc (the built-in server's are read without it).", valueName: "PID"))
    var serverPID: Int32?

    @Option(name: .customLong("server-kind"), help: "Remote mode: auto (ask /healthz), dashboard or onnxruntime.")
    var serverKind: ServerKind = .auto

    @Option(name: .customLong("assume-rtt"), help: ArgumentHelp("Remote mode: also project generations/s and requests/s as if the server were a network round trip of MS milliseconds away (from the loopback figures; see docs/analysis.md).", valueName: "MS"))
    var assumeRTT: Double?

    @OptionGroup var remote: RemoteOptions

    @Option(help: "Population size.")
    var population: Int = 150

    @Option(help: "Opponents per genome (k): genome i hosts (i + j + 1) mod P for j < k.")
    var opponents: Int = 5

    @Flag(name: .customLong("round-robin"), help: "Play every pair once instead of k opponents.")
    var roundRobin = false

    @Option(name: .customLong("reference-matches"), help: "Extra matches per genome per generation against the reference bot (0 turns them off).")
    var referenceMatches: Int = DuelTrainingOptions().referenceMatches

    @Option(name: .customLong("hall-of-fame"), help: "Extra matches per genome per generation against recent champions (0 turns them off).")
    var hallOfFame: Int = DuelTrainingOptions().hallOfFame

    @Option(name: .customLong("reference-survival"), help: "Fitness per reference-bot match for surviving to the tick cap (ticks survived / tick cap × this; 0 turns it off).")
    var referenceSurvival: Double = TournamentScoring.defaultReferenceSurvivalWeight

    @Flag(name: .customLong("no-tie-break"), help: "Fitness is exactly wins + ½ draws (no survival tie-break).")
    var noTieBreak = false

    @Flag(help: "The plain tournament: the ring (or round robin) only, fitness exactly wins + ½ draws.")
    var plain = false

    @Option(name: .customLong("weight-power"), help: "Weight perturbation: uniform in ± this value.")
    var weightPower: Double = DuelTrainingOptions().weightMutatePower

    @Option(name: .customLong("weight-rate"), help: "Chance that each weight is perturbed when a genome's weights mutate.")
    var weightRate: Double = DuelTrainingOptions().weightMutateRate

    @Option(name: .customLong("weight-replace"), help: "Chance that each weight is replaced by a fresh N(0, 1) value when a genome's weights mutate.")
    var weightReplace: Double = DuelTrainingOptions().weightReplaceRate

    @Option(name: .customLong("initial-connections"), help: "Fraction of the input→output connections new genomes start with, (0, 1].")
    var initialConnections: Double = DuelTrainingOptions().initialConnections

    @Option(name: .customLong("add-link"), help: "Chance per child of an add-connection mutation, 0…1.")
    var addLink: Double = DuelTrainingOptions().addConnectionProbability

    @Option(name: .customLong("add-node"), help: "Chance per child of an add-node mutation, 0…1.")
    var addNode: Double = DuelTrainingOptions().addNodeProbability

    @Option(help: "Activation of every node of duel networks.")
    var activation: Activation = DuelTrainingOptions().activation

    @Flag(name: .customLong("no-instrumentation"), help: "Skip all timing and histogram recording (to measure its overhead).")
    var noInstrumentation = false

    @Flag(help: "Print the per-generation stats line to stderr even when a progress bar is shown.")
    var verbose = false

    var inferenceMode: InferenceMode { mode == .cpu ? .cpu : .remote(batch: batch) }

    var schedule: TournamentSchedule { roundRobin ? .roundRobin : .ring(opponents: opponents) }

    /// The training options these flags describe (population, schedule, opponents, fitness, mutation).
    func apply(to o: inout DuelTrainingOptions) {
        o.population = population
        o.schedule = schedule
        o.weightMutatePower = weightPower
        o.weightMutateRate = weightRate
        o.initialConnections = initialConnections
        o.weightReplaceRate = weightReplace
        o.addConnectionProbability = addLink
        o.addNodeProbability = addNode
        o.activation = activation
        if plain {
            o.scoring = .plain
            o.referenceMatches = 0
            o.hallOfFame = 0
        } else {
            o.scoring = TournamentScoring(survivalTieBreak: !noTieBreak, referenceSurvivalWeight: referenceSurvival)
            o.referenceMatches = referenceMatches
            o.hallOfFame = hallOfFame
        }
    }

    func validate() throws {
        guard batch >= 1 && batch <= 4096 else { throw ValidationError("--batch must be between 1 and 4096 (got \(batch))") }
        guard concurrency >= 1 && concurrency <= 1024 else { throw ValidationError("--concurrency must be between 1 and 1024 (got \(concurrency))") }
        if let r = assumeRTT, !(r.isFinite && (0...60_000).contains(r)) {
            throw ValidationError("--assume-rtt \(r) is not a round-trip time in milliseconds (0...60000)")
        }
        guard population >= 2 else { throw ValidationError("--population must be at least 2 (got \(population))") }
        var o = DuelTrainingOptions()
        apply(to: &o)
        do { try o.validate() } catch { throw ValidationError(error.description) }
        try Self.require(weightPower, in: 0...100, flag: "--weight-power")
        try Self.require(weightRate, in: 0...1, flag: "--weight-rate")
        guard weightReplace >= 0 && weightRate + weightReplace <= 1 else {
            throw ValidationError("--weight-replace must be 0…1 − --weight-rate (got \(weightReplace))")
        }
        try Self.require(addLink, in: 0...1, flag: "--add-link")
        try Self.require(addNode, in: 0...1, flag: "--add-node")
        try Self.require(referenceSurvival, in: 0...100, flag: "--reference-survival")
        if plain && (referenceMatches != DuelTrainingOptions().referenceMatches || hallOfFame != DuelTrainingOptions().hallOfFame
                     || referenceSurvival != TournamentScoring.defaultReferenceSurvivalWeight) {
            throw ValidationError("--plain turns off --reference-matches, --reference-survival and --hall-of-fame; give one or the other")
        }
        if mode == .cpu && serverURL != nil { throw ValidationError("--server-url needs --mode remote") }
        if let p = serverPID {
            guard serverURL != nil else { throw ValidationError("--server-pid \(p) needs --server-url (the built-in server's threads are read without it)") }
            guard p > 0 else { throw ValidationError("--server-pid \(p) is not a process id") }
        }
        if mode == .cpu && remote.isCustomised { throw ValidationError("--protocol, --tensor-format, --model-repository, --repository-layout, --model-format and --connections need --mode remote") }
        var settings = InferenceSetup.Settings()
        try remote.apply(to: &settings)
    }

    /// Throws "FLAG must be LO…HI (got V)" unless `value` lies in `range` (NaN never does).
    static func require(_ value: Double, in range: ClosedRange<Double>, flag: String) throws {
        guard range.contains(value) else {
            throw ValidationError("\(flag) must be \(String(format: "%g", range.lowerBound))…\(String(format: "%g", range.upperBound)) (got \(value))")
        }
    }
}
