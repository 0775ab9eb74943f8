/// How a numeric gene attribute (bias, response, weight) is initialised and mutated,
/// with neat-python's meaning of each field.
public struct AttributeConfig: Sendable, Equatable, Codable {
    public enum InitType: String, Sendable, Equatable, Codable { case gaussian, normal, uniform }
    /// How a value is perturbed: N(0, power) (neat-python) or uniform in ±power (NEAT's reference implementation).
    public enum Perturbation: String, Sendable, Equatable, Codable { case gaussian, uniform }
    public var initMean: Double
    public var initStdev: Double
    public var initType: InitType
    public var maxValue: Double
    public var minValue: Double
    /// Standard deviation of the gaussian perturbation.
    public var mutatePower: Double
    /// Probability that a gene's value is perturbed.
    public var mutateRate: Double
    /// Probability that a gene's value is replaced by a fresh initial value.
    public var replaceRate: Double
    public var perturbation: Perturbation = .gaussian

    public init(initMean: Double, initStdev: Double, initType: InitType = .gaussian, maxValue: Double, minValue: Double,
                mutatePower: Double, mutateRate: Double, replaceRate: Double) {
        self.initMean = initMean; self.initStdev = initStdev; self.initType = initType
        self.maxValue = maxValue; self.minValue = minValue
        self.mutatePower = mutatePower; self.mutateRate = mutateRate; self.replaceRate = replaceRate
    }

    /// A constant attribute that never mutates.
    public static func constant(_ v: Double) -> AttributeConfig {
        AttributeConfig(initMean: v, initStdev: 0, maxValue: v, minValue: v, mutatePower: 0, mutateRate: 0, replaceRate: 0)
    }

    @inline(__always) public func clamp(_ v: Double) -> Double { Swift.min(maxValue, Swift.max(minValue, v)) }

    /// A fresh initial value (neat-python's `init_value`).
    @inline(__always)
    public func initValue<R: RandomNumberGenerator>(using rng: inout R) -> Double {
        switch initType {
        case .gaussian, .normal: return clamp(initMean + rng.nextGaussian() * initStdev)
        case .uniform:
            let lo = Swift.max(minValue, initMean - 2 * initStdev), hi = Swift.min(maxValue, initMean + 2 * initStdev)
            return rng.nextUniform(lo, hi)
        }
    }

    /// neat-python's `mutate_value`: one draw decides perturb, replace or keep.
    /// An attribute that can neither be perturbed nor replaced draws nothing.
    @inline(__always)
    public func mutate<R: RandomNumberGenerator>(_ v: Double, using rng: inout R) -> Double {
        if mutateRate <= 0 && replaceRate <= 0 { return v }
        let r = rng.nextUnit()
        if r < mutateRate {
            let delta = perturbation == .gaussian ? rng.nextGaussian() * mutatePower : rng.nextUniform(-mutatePower, mutatePower)
            return clamp(v + delta)
        }
        if r < mutateRate + replaceRate { return initValue(using: &rng) }
        return v
    }
}

/// Every knob of the evolution, with the paper's defaults.
///
/// `NEATConfig()` is Stanley & Miikkulainen (2002): population 150, c1 = c2 = 1.0,
/// c3 = 0.4, δt = 3.0, weight mutation 0.8 (90% perturb / 10% replace), add node
/// 0.03, add link 0.05, the steepened sigmoid. `NEATConfig(neatPythonINI:)`
/// reads neat-python's INI format and switches `semantics` to `.neatPython`.
public struct NEATConfig: Sendable, Equatable, Codable {
    /// Which algorithm a population runs: the paper's (`PaperNEAT`) or neat-python's
    /// (`NeatPythonNEAT`). Read once, when a `Population` is made.
    public enum Semantics: String, Sendable, Equatable, Codable { case paper, neatPython }
    public enum FitnessCriterion: String, Sendable, Equatable, Codable { case max, min, mean }
    public enum SpeciesFitness: String, Sendable, Equatable, Codable { case max, min, mean, median }
    /// neat-python's `initial_connection` values (the paper starts `full_direct`-like: every input to every output).
    public enum InitialConnection: Sendable, Equatable, Codable {
        case unconnected, fsNEATNoHidden, fsNEATHidden
        case fullNoDirect, fullDirect
        case partialNoDirect(Double), partialDirect(Double)
    }

    public var semantics: Semantics = .paper

    // [NEAT]
    public var populationSize = 150
    public var fitnessCriterion: FitnessCriterion = .max
    /// Solved when the criterion over raw fitness reaches this (nil: the task decides).
    public var fitnessThreshold: Double? = nil
    public var noFitnessTermination = false
    public var resetOnExtinction = true

    // [DefaultGenome]
    public var numInputs = 2
    public var numOutputs = 1
    public var numHidden = 0
    public var feedForward = true
    public var initialConnection: InitialConnection = .fullDirect
    public var activationDefault: Activation = .steepenedSigmoid
    public var activationOptions: [Activation] = [.steepenedSigmoid]
    public var activationMutateRate = 0.0
    public var aggregationDefault: Aggregation = .sum
    public var aggregationOptions: [Aggregation] = [.sum]
    public var aggregationMutateRate = 0.0
    public var bias = AttributeConfig.constant(0)
    public var response = AttributeConfig.constant(1)
    /// Paper: each weight perturbed (90%) or replaced (10%). As in NEAT's reference
    /// implementation, a perturbation is uniform in ±`mutatePower`, a replacement is a
    /// fresh uniform value in ±`mutatePower`, and weights are capped at ±8; new
    /// weights are N(0, 1). The paper does not state the perturbation size; its
    /// reference parameter files use 2.5. We use 3.5: measured over 5 × 100 XOR runs
    /// it gives the paper's figures (≈ 35 generations, 2.4 hidden nodes, no failure),
    /// where 2.5 averaged ≈ 40 generations with a failure every 100–200 runs
    /// (docs/xor.md has the table).
    public var weight: AttributeConfig = {
        var w = AttributeConfig(initMean: 0, initStdev: 1, maxValue: 8, minValue: -8, mutatePower: 3.5, mutateRate: 0.9, replaceRate: 0.1)
        w.perturbation = .uniform
        return w
    }()
    /// How paper mode chooses which weights to perturb or replace (see `WeightMutation`).
    public enum WeightSchedule: String, Sendable, Equatable, Codable {
        /// Each weight independently: perturbed with `weight.mutateRate`, replaced with `weight.replaceRate`.
        case perGene
        /// NEAT's reference implementation (`mutate_link_weights`): half of the calls are
        /// "severe" (70% perturbed, 20% replaced, 10% kept); otherwise every weight is
        /// perturbed, except the newest 20% of genes of genomes with ≥ 10 genes (50%
        /// perturbed, 20% replaced). On average 85% perturbed, 10% replaced.
        case reference
    }
    public var weightSchedule: WeightSchedule = .reference
    /// Index of the task's bias input (an input fixed at a constant), if it has one.
    /// Paper mode never splits a connection from it (NEAT's reference `mutate_add_node`).
    public var biasInput: Int? = nil
    /// Paper: the chance that a genome's weights are mutated at all (then each weight per `weight`).
    public var weightMutationProbability = 0.8
    public var enabledDefault = true
    /// Paper mode: 0, as in NEAT's reference parameter files (`mutate_toggle_enable_prob 0`
    /// for XOR and pole); re-enabling happens through crossover (the 0.75 rule).
    public var enabledMutateRate = 0.0
    public var enabledRateToTrueAdd = 0.0
    public var enabledRateToFalseAdd = 0.0
    public var connAddProb = 0.05
    public var connDeleteProb = 0.0
    public var nodeAddProb = 0.03
    public var nodeDeleteProb = 0.0
    public var singleStructuralMutation = false
    public var structuralMutationSurer = false
    /// c1 (excess) and c2 (disjoint); neat-python has one coefficient for both.
    public var compatibilityExcessCoefficient = 1.0
    public var compatibilityDisjointCoefficient = 1.0
    /// c3.
    public var compatibilityWeightCoefficient = 0.4
    /// Paper: N is set to 1 when both genomes have fewer than this many genes.
    public var smallGenomeThreshold = 20

    // [DefaultSpeciesSet]
    /// δt: genomes closer than this to a species' representative belong to it. With
    /// `targetSpecies` it is where the threshold starts.
    public var compatibilityThreshold = 3.0

    // Dynamic compatibility threshold (`NEATConfig+DynamicThreshold`).
    /// The number of species δt steers toward after every generation; 0 keeps δt fixed
    /// at `compatibilityThreshold` (the paper, neat-python).
    public var targetSpecies = 0
    /// How far δt moves after a generation with too many or too few species.
    public var compatibilityThresholdStep = 0.3
    /// The lowest δt the steering goes to.
    public var compatibilityThresholdFloor = 0.3

    // [DefaultStagnation]
    public var speciesFitnessFunc: SpeciesFitness = .max
    public var maxStagnation = 15
    public var speciesElitism = 0

    // [DefaultReproduction]
    public var elitism = 0
    public var survivalThreshold = 0.2
    public var minSpeciesSize = 2

    // Paper reproduction knobs.
    /// Fraction of offspring made by mutation alone (no crossover).
    public var mutateOnlyFraction = 0.25
    /// Chance that a crossover child is not mutated afterwards.
    public var mateOnlyProbability = 0.2
    public var interspeciesMatingRate = 0.001
    /// Champions of species with more than this many members are copied unchanged.
    public var championCopyMinSpeciesSize = 5
    /// A gene disabled in either parent stays disabled with this probability.
    public var disabledGeneInheritProbability = 0.75
    /// Paper stagnation: when the whole population has not improved for this many
    /// generations, only the top two species reproduce (0 turns it off).
    public var populationStagnation = 20

    public init() {}

    /// The paper's defaults for a task with these inputs and outputs.
    public static func paper(inputs: Int, outputs: Int) -> NEATConfig {
        var c = NEATConfig()
        c.numInputs = inputs
        c.numOutputs = outputs
        return c
    }

    /// The paper's defaults for `task` (its inputs, outputs and bias input).
    public static func paper(for task: some ReferenceTask) -> NEATConfig {
        var c = paper(inputs: task.inputs, outputs: task.outputs)
        c.biasInput = task.biasInputIndex
        return c
    }
}
