import Foundation

/// Everything needed to continue one training run exactly where it stopped: the
/// population (genomes, species, innovation tracker, random generator, config) at a
/// generation boundary, and the run's own progress (curves, counters, the duel's
/// hall of fame and options). Written as versioned JSON by `CheckpointDirectory`.
///
/// A checkpoint is taken after generation `generation − 1` was evaluated and the
/// next one bred: resuming evaluates generation `generation` next, so no work is
/// redone and none is skipped.
public struct Checkpoint: Sendable, Equatable, Codable {
    /// The format this build writes and the only one it reads.
    public static let formatVersion = 1

    public var formatVersion: Int
    /// "xor", "pole" or "duel".
    public var task: String
    /// The run's index within `train --runs` (0 for the monitor).
    public var run: Int
    /// The run's seed (as a decimal string in the file: it is a 64-bit word).
    public var seed: UInt64
    /// Generations evaluated so far (the next one to evaluate).
    public var generation: Int
    /// When it was written, seconds since 1970 (for display only).
    public var savedAt: Double
    public var population: PopulationState
    /// xor and pole runs.
    public var reference: ReferenceRunProgress?
    /// Duel runs.
    public var duel: DuelRunProgress?

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", task, run, seed, generation, savedAt = "saved_at", population, reference, duel
    }

    public init(task: String, run: Int, seed: UInt64, population: PopulationState, savedAt: Double,
                reference: ReferenceRunProgress? = nil, duel: DuelRunProgress? = nil) {
        formatVersion = Self.formatVersion
        self.task = task
        self.run = run
        self.seed = seed
        generation = population.generation
        self.savedAt = savedAt
        self.population = population
        self.reference = reference
        self.duel = duel
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try c.decode(Int.self, forKey: .formatVersion)
        // Only the version is read from a file of another version: its other fields may mean anything.
        guard formatVersion == Self.formatVersion else {
            throw CheckpointError(formatVersion > Self.formatVersion
                ? "format_version \(formatVersion) is newer than this dashboard reads (\(Self.formatVersion)): resume it with a newer dashboard"
                : "format_version \(formatVersion) is unknown (this dashboard reads \(Self.formatVersion))")
        }
        task = try c.decode(String.self, forKey: .task)
        run = try c.decode(Int.self, forKey: .run)
        let seedText = try c.decode(String.self, forKey: .seed)
        guard let s = UInt64(seedText) else {
            throw DecodingError.dataCorruptedError(forKey: .seed, in: c, debugDescription: "seed \"\(seedText)\" is not a 64-bit unsigned integer")
        }
        seed = s
        generation = try c.decode(Int.self, forKey: .generation)
        savedAt = try c.decode(Double.self, forKey: .savedAt)
        population = try c.decode(PopulationState.self, forKey: .population)
        reference = try c.decodeIfPresent(ReferenceRunProgress.self, forKey: .reference)
        duel = try c.decodeIfPresent(DuelRunProgress.self, forKey: .duel)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(formatVersion, forKey: .formatVersion)
        try c.encode(task, forKey: .task)
        try c.encode(run, forKey: .run)
        try c.encode(String(seed), forKey: .seed)
        try c.encode(generation, forKey: .generation)
        try c.encode(savedAt, forKey: .savedAt)
        try c.encode(population, forKey: .population)
        try c.encodeIfPresent(reference, forKey: .reference)
        try c.encodeIfPresent(duel, forKey: .duel)
    }

    /// The file's bytes: sorted keys (a diff of two checkpoints is readable), non-finite
    /// numbers as the strings "inf", "-inf" and "nan" (a species' best fitness starts at −∞).
    /// Written by `CheckpointJSONWriter` (fast); `foundationEncoded()` is the reference.
    public func encoded() throws -> Data { try CheckpointJSONWriter.encode(self) }

    /// The same document through Foundation's `JSONEncoder` (slow; for tests of the writer).
    func foundationEncoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }

    /// Reads a checkpoint from `data` (the contents of `path`, named in every error),
    /// checks that it is complete and consistent and that it belongs to `task`.
    /// Nothing is returned unless everything is: a checkpoint is never half-loaded.
    public static func decode(_ data: Data, path: String, task expected: String? = nil) throws(CheckpointError) -> Checkpoint {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let checkpoint: Checkpoint
        do { checkpoint = try decoder.decode(Checkpoint.self, from: data) } catch {
            throw CheckpointError("\(path): \(describe(error, bytes: data.count))")
        }
        if let expected, checkpoint.task != expected {
            throw CheckpointError("\(path): a checkpoint of the \(checkpoint.task) task, not of \(expected)")
        }
        if let problem = checkpoint.validationProblem() { throw CheckpointError("\(path): inconsistent checkpoint: \(problem)") }
        return checkpoint
    }

    /// Reads and checks the checkpoint file at `path` (see `decode`).
    public static func read(path: String, task: String? = nil) throws(CheckpointError) -> Checkpoint {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw CheckpointError("\(path): cannot read the checkpoint (\(error.localizedDescription))")
        }
        return try decode(data, path: path, task: task)
    }

    /// The first inconsistency between the fields, or nil.
    public func validationProblem() -> String? {
        guard ["xor", "pole", "duel"].contains(task) else { return "unknown task \"\(task)\"" }
        guard run >= 0 else { return "run \(run) is negative" }
        guard generation == population.generation else {
            return "generation \(generation) differs from the population's generation \(population.generation)"
        }
        if let p = population.validationProblem() { return "population: \(p)" }
        switch task {
        case "duel":
            guard let duel else { return "a duel checkpoint without its \"duel\" progress" }
            guard duel.fitnessCurve.count == generation, duel.winRateCurve.count == generation, duel.speciesCurve.count == generation else {
                return "the duel curves have \(duel.fitnessCurve.count), \(duel.winRateCurve.count) and \(duel.speciesCurve.count) points for \(generation) generations"
            }
            for (i, g) in duel.hallOfFame.enumerated() {
                if let p = g.validate() { return "duel.hallOfFame[\(i)] is invalid: \(p)" }
            }
        default:
            guard let reference else { return "a \(task) checkpoint without its \"reference\" progress" }
            let points = reference.result == nil ? generation : generation + 1
            guard reference.fitnessCurve.count == points else {
                return "reference.fitnessCurve has \(reference.fitnessCurve.count) points for \(points) generations"
            }
        }
        return nil
    }

    /// Why resuming this checkpoint with the given settings would not continue the same
    /// evolution (a different task, seed, population size or NEAT config), or nil.
    public func mismatch(task: String, seed: UInt64, config: NEATConfig, duel options: DuelTrainingOptions? = nil) -> String? {
        if task != self.task { return "it is a checkpoint of the \(self.task) task, not of \(task)" }
        if seed != self.seed { return "it was made with seed \(self.seed), not \(seed) (--seed)" }
        if config.populationSize != population.config.populationSize {
            return "its population is \(population.config.populationSize), not \(config.populationSize) (--population)"
        }
        if config != population.config {
            return "it was made with another NEAT config (--neat-config, or a flag that changes it: \(Self.configDifference(population.config, config)))"
        }
        if let options, let saved = duel?.options, options != saved {
            return "it was made with other duel options (\(Self.optionsDifference(saved, options)))"
        }
        return nil
    }

    /// The first differing field of two configs, as "field: saved → given".
    static func configDifference(_ a: NEATConfig, _ b: NEATConfig) -> String {
        for (x, y) in zip(Mirror(reflecting: a).children, Mirror(reflecting: b).children) where "\(x.value)" != "\(y.value)" {
            return "\(x.label ?? "?"): \(x.value) in the checkpoint, \(y.value) now"
        }
        return "a field differs"
    }

    /// The first differing field of two duel option sets, as "field: saved → given".
    static func optionsDifference(_ a: DuelTrainingOptions, _ b: DuelTrainingOptions) -> String {
        for (x, y) in zip(Mirror(reflecting: a).children, Mirror(reflecting: b).children) where "\(x.value)" != "\(y.value)" {
            return "\(x.label ?? "?"): \(x.value) in the checkpoint, \(y.value) now"
        }
        return "a field differs"
    }

    /// A reader's words for a decoding failure: truncated, not JSON, a missing or mistyped field.
    static func describe(_ error: any Error, bytes: Int) -> String {
        switch error {
        case let e as CheckpointError: return e.description
        case DecodingError.dataCorrupted(let ctx):
            let at = ctx.codingPath.map(\.stringValue).joined(separator: ".")
            return at.isEmpty ? "not a complete checkpoint (truncated or corrupt JSON, \(bytes) bytes): \(ctx.debugDescription)"
                              : "field '\(at)' is invalid: \(ctx.debugDescription)"
        case DecodingError.keyNotFound(let key, let ctx):
            return "missing field '\((ctx.codingPath + [key]).map(\.stringValue).joined(separator: "."))' (truncated, or not a checkpoint)"
        case DecodingError.typeMismatch(_, let ctx):
            return "field '\(ctx.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type: \(ctx.debugDescription)"
        case DecodingError.valueNotFound(_, let ctx):
            return "field '\(ctx.codingPath.map(\.stringValue).joined(separator: "."))' is null"
        default: return "not a checkpoint: \(error)"
        }
    }
}
