/// Everything a `Population` needs to go on exactly as it would have: what a
/// checkpoint saves and a resume reads back.
///
/// `Population.state` takes it at a generation boundary (the current generation
/// bred and speciated, not yet evaluated) and `Population(restoring:)` continues
/// from it: the restored population breeds, speciates and draws random numbers
/// exactly as the original would have, because nothing the generation loop reads
/// lives outside this value. What a `Population` keeps besides (the recycled gene
/// storage, speciation's scratch tables) is storage only and never changes a result.
public struct PopulationState: Sendable, Equatable, Codable {
    /// The settings the run evolves with (the algorithm follows from `config.semantics`).
    public var config: NEATConfig
    /// The current generation's index (it is not yet evaluated).
    public var generation: Int
    /// The current generation's genomes (no fitness yet).
    public var genomes: [Genome]
    /// The last evaluated generation, with fitness (empty before the first). Nothing in
    /// the evolution reads it (it is reused storage, a cache of results, and what `--save`
    /// writes at the end), so periodic checkpoints leave it out: see `withoutLastEvaluated`.
    public var lastEvaluated: [Genome]
    /// The current generation's species (members index `genomes`).
    public var species: [Species]
    /// The best genome evaluated so far.
    public var bestEver: Genome?
    public var tracker: InnovationTracker
    /// The run's one random generator, where it stands.
    public var random: Xoshiro256
    public var nextSpeciesID: Int
    public var reproduction: ReproductionState
    /// The compatibility threshold the current generation was speciated with.
    public var compatibilityThreshold: Double

    public init(config: NEATConfig, generation: Int, genomes: [Genome], lastEvaluated: [Genome], species: [Species],
                bestEver: Genome?, tracker: InnovationTracker, random: Xoshiro256, nextSpeciesID: Int,
                reproduction: ReproductionState, compatibilityThreshold: Double) {
        self.config = config; self.generation = generation; self.genomes = genomes; self.lastEvaluated = lastEvaluated
        self.species = species; self.bestEver = bestEver; self.tracker = tracker; self.random = random
        self.nextSpeciesID = nextSpeciesID; self.reproduction = reproduction; self.compatibilityThreshold = compatibilityThreshold
    }
}

extension PopulationState {
    /// This state without `lastEvaluated`, about half of a checkpoint: a population restored
    /// from it evolves exactly the same (its first generation's results are computed, not reused).
    public var withoutLastEvaluated: PopulationState {
        var s = self
        s.lastEvaluated = []
        return s
    }

    /// The first inconsistency that would make `Population(restoring:)` misbehave, or
    /// nil: what a checkpoint reader checks before it restores anything.
    public func validationProblem() -> String? {
        guard generation >= 0 else { return "generation \(generation) is negative" }
        guard config.populationSize > 0 else { return "config.populationSize \(config.populationSize) is not positive" }
        guard !genomes.isEmpty else { return "the population has no genomes" }
        guard random.state != (0, 0, 0, 0) else { return "random is the all-zero state (a generator stuck at 0)" }
        for (name, list) in [("genomes", genomes), ("lastEvaluated", lastEvaluated)] {
            for (i, g) in list.enumerated() {
                if let p = g.validate() { return "\(name)[\(i)] (genome \(g.id)) is invalid: \(p)" }
                if g.numInputs != config.numInputs || g.numOutputs != config.numOutputs {
                    return "\(name)[\(i)] has \(g.numInputs) inputs and \(g.numOutputs) outputs; the config has \(config.numInputs) and \(config.numOutputs)"
                }
            }
        }
        if let p = speciesProblem() { return p }
        // `lastEvaluated` may be left out (it is storage and a cache only): then `copies` name nothing.
        for c in reproduction.copies where !genomes.indices.contains(c.index) || !(lastEvaluated.isEmpty || lastEvaluated.indices.contains(c.source)) {
            return "reproduction.copies names genome \(c.index) from \(c.source), outside the population"
        }
        let maxNode = genomes.lazy.flatMap(\.nodes).map(\.id).max() ?? 0
        guard tracker.nextNodeID > maxNode else {
            return "tracker.nextNodeID \(tracker.nextNodeID) is not above the highest node id \(maxNode): new nodes would collide"
        }
        let maxInnovation = genomes.lazy.flatMap(\.connections).map(\.innovation).max() ?? -1
        guard tracker.nextInnovation > maxInnovation else {
            return "tracker.nextInnovation \(tracker.nextInnovation) is not above the highest innovation \(maxInnovation)"
        }
        return nil
    }

    /// Species members must index `genomes` (each at most once) and representatives be valid.
    private func speciesProblem() -> String? {
        var seen = Set<Int>()
        for s in species {
            if let p = s.representative.validate() { return "species \(s.id): the representative is invalid: \(p)" }
            for m in s.members {
                guard genomes.indices.contains(m) else { return "species \(s.id) names member \(m); the population has \(genomes.count) genomes" }
                guard seen.insert(m).inserted else { return "genome \(m) is a member of two species" }
            }
            guard s.id < nextSpeciesID else { return "species id \(s.id) is not below nextSpeciesID \(nextSpeciesID)" }
        }
        return nil
    }
}
