/// Everything that defines a duel training run.
public struct DuelTrainingOptions: Sendable, Equatable, Codable {
    public var population: Int = 150
    /// The genome-against-genome matches (the ring, k = 5).
    public var schedule: TournamentSchedule = .ring(opponents: 5)
    /// wins + ½ draws, with the survival tie-break by default.
    public var scoring = TournamentScoring()
    /// Extra matches per genome per generation against the reference bot (0: none).
    public var referenceMatches = 8
    /// Extra matches per genome per generation against past champions (0: none).
    public var hallOfFame = 0
    /// Past champions kept for the hall of fame (the most recent ones).
    public var hallOfFameSize = 10
    public var rules = DuelRules()
    public var seed: UInt64 = 1
    /// Fixed seeds the champion plays the reference bot on after every generation.
    public var referenceSeeds: [UInt64] = ReferenceEvaluation.defaultSeeds(count: 20)
    /// Weight mutation for the duel's 100-input genomes: when a genome's weights
    /// mutate, each is perturbed (uniform in ±power) with `weightMutateRate`, or
    /// replaced with `weightReplaceRate`. The paper's 2.5 / 0.9 re-draws most of 300
    /// weights at once, which the duel's selection cannot follow.
    public var weightMutatePower = 0.5
    public var weightMutateRate = 0.2
    public var weightReplaceRate = 0.1
    /// Fraction of the 300 input→output connections a new genome starts with
    /// (1: all of them, as in the paper; less: a random subset per genome).
    public var initialConnections = 0.1
    /// Activation of every node (hidden and output) of duel genomes.
    public var activation: Activation = .identity
    /// Chance per child of an add-connection mutation (paper: 0.05). With 100
    /// inputs and a 10% start, the few links that matter (the cells a move enters)
    /// are missing from most genomes; at 0.05 a given link appears about once in
    /// 5,000 children.
    public var addConnectionProbability = 0.5
    /// Chance per child of an add-node mutation (the paper's 0.03).
    public var addNodeProbability = 0.03
    /// The species count the compatibility threshold steers toward (0: δt stays at
    /// `compatibilityThreshold`, the paper's fixed threshold). See
    /// `NEATConfig.nextCompatibilityThreshold(after:speciesCount:)` and docs/duel.md.
    public var targetSpecies = 0
    /// δt, fixed, or where the steering starts (the paper's 3.0).
    public var compatibilityThreshold = 3.0

    public init() {}

    /// The plain tournament: the ring schedule, wins + ½ draws, no tie-break,
    /// no extra opponents.
    public static var plain: DuelTrainingOptions {
        var o = DuelTrainingOptions()
        o.scoring = .plain
        o.referenceMatches = 0
        o.hallOfFame = 0
        return o
    }

    /// NEAT settings for the duel: the paper's defaults with 100 inputs and 3
    /// outputs, and the duel's weight mutation.
    public var neatConfig: NEATConfig {
        var c = NEATConfig.paper(inputs: DuelRules.observationSize, outputs: DuelRules.actionCount)
        c.populationSize = population
        c.weight.mutatePower = weightMutatePower
        c.weight.mutateRate = weightMutateRate
        c.weight.replaceRate = weightReplaceRate
        // The per-weight rates above only apply under the per-gene schedule; paper
        // mode's default (NEAT's reference schedule) would perturb ~85% of the weights.
        c.weightSchedule = .perGene
        c.connAddProb = addConnectionProbability
        c.nodeAddProb = addNodeProbability
        if initialConnections < 1 { c.initialConnection = .partialDirect(initialConnections) }
        c.activationDefault = activation
        c.activationOptions = [activation]
        c.targetSpecies = targetSpecies
        c.compatibilityThreshold = compatibilityThreshold
        return c
    }

    public func validate() throws(TournamentSchedule.Invalid) {
        try schedule.validate(population: population)
        guard referenceMatches >= 0 && referenceMatches <= 100 else {
            throw TournamentSchedule.Invalid(description: "--reference-matches must be 0…100 (got \(referenceMatches))")
        }
        guard hallOfFame >= 0 && hallOfFame <= 100 else {
            throw TournamentSchedule.Invalid(description: "--hall-of-fame must be 0…100 (got \(hallOfFame))")
        }
        guard initialConnections > 0 && initialConnections <= 1 else {
            throw TournamentSchedule.Invalid(description: "--initial-connections must be in (0, 1] (got \(initialConnections))")
        }
        guard hallOfFameSize >= 1 && hallOfFameSize <= 1000 else {
            throw TournamentSchedule.Invalid(description: "--hall-of-fame-size must be 1…1000 (got \(hallOfFameSize))")
        }
        guard targetSpecies >= 0 && targetSpecies <= population else {
            throw TournamentSchedule.Invalid(description: "--target-species must be 0…\(population), the population size (got \(targetSpecies))")
        }
        guard compatibilityThreshold > 0 && compatibilityThreshold.isFinite else {
            throw TournamentSchedule.Invalid(description: "--compatibility-threshold must be a positive number (got \(compatibilityThreshold))")
        }
    }
}
