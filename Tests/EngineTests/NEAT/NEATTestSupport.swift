@testable import Engine

/// Shorthand for hand-built genomes in the NEAT tests.
enum NEATFixture {
    static func conn(_ innovation: Int, _ from: Int, _ to: Int, _ weight: Double = 1, enabled: Bool = true) -> ConnectionGene {
        ConnectionGene(innovation: innovation, from: from, to: to, weight: weight, enabled: enabled)
    }

    static func node(_ id: Int, bias: Double = 0, response: Double = 1, activation: Activation = .steepenedSigmoid,
                     aggregation: Aggregation = .sum) -> NodeGene {
        NodeGene(id: id, activation: activation, aggregation: aggregation, bias: bias, response: response)
    }

    /// A genome with outputs 0 ..< `outputs` (default nodes) plus `hidden` node ids.
    static func genome(id: Int = 0, inputs: Int = 2, outputs: Int = 1, hidden: [Int] = [],
                       _ connections: [ConnectionGene], fitness: Double? = nil) -> Genome {
        Genome(id: id, numInputs: inputs, numOutputs: outputs,
               nodes: (0..<outputs).map { node($0) } + hidden.map { node($0) },
               connections: connections, fitness: fitness)
    }

    /// The paper's defaults for `inputs` → `outputs`.
    static func paper(inputs: Int = 2, outputs: Int = 1, population: Int = 150) -> NEATConfig {
        var c = NEATConfig.paper(inputs: inputs, outputs: outputs)
        c.populationSize = population
        return c
    }

    /// neat-python semantics with neat-python-like rates (its XOR example's values).
    static func neatPython(inputs: Int = 2, outputs: Int = 1, population: Int = 150) -> NEATConfig {
        var c = NEATConfig.paper(inputs: inputs, outputs: outputs)
        c.semantics = .neatPython
        c.populationSize = population
        c.compatibilityWeightCoefficient = 0.5
        c.connAddProb = 0.5; c.connDeleteProb = 0.5
        c.nodeAddProb = 0.2; c.nodeDeleteProb = 0.2
        c.bias = AttributeConfig(initMean: 0, initStdev: 1, maxValue: 30, minValue: -30, mutatePower: 0.5, mutateRate: 0.7, replaceRate: 0.1)
        c.weight = AttributeConfig(initMean: 0, initStdev: 1, maxValue: 30, minValue: -30, mutatePower: 0.5, mutateRate: 0.8, replaceRate: 0.1)
        c.weightMutationProbability = 1
        c.enabledMutateRate = 0.01
        c.speciesFitnessFunc = .max
        c.maxStagnation = 20
        c.speciesElitism = 2
        c.elitism = 2
        c.minSpeciesSize = 2
        return c
    }

    /// A genome grown from the initial structure by `steps` random mutations of the
    /// given semantics (structural rates raised so that it grows), each step a new
    /// generation of the tracker.
    static func grown(seed: UInt64, steps: Int, config base: NEATConfig, tracker: inout InnovationTracker) -> Genome {
        var rng = Xoshiro256(seed: seed)
        var g = factory(base).makeGenome(id: 0, tracker: &tracker, rng: &rng)
        var c = base
        c.nodeAddProb = 0.3
        c.connAddProb = 0.6
        for _ in 0..<steps {
            tracker.startGeneration()
            mutate(&g, config: c, tracker: &tracker, rng: &rng)
        }
        return g
    }

    // MARK: The algorithm `config.semantics` names (tests run the same checks on both)

    /// `config`'s algorithm's genome factory.
    static func factory(_ config: NEATConfig) -> GenomeFactory {
        switch SelectedAlgorithm(config) {
        case .paper(let a): a.factory(config)
        case .neatPython(let a): a.factory(config)
        }
    }

    /// One child's mutations on `config`'s algorithm's schedule.
    static func mutate(_ genome: inout Genome, config: NEATConfig, tracker: inout InnovationTracker, rng: inout Xoshiro256) {
        switch SelectedAlgorithm(config) {
        case .paper(let a): a.reproduction.mutation.mutate(&genome, config: config, tracker: &tracker, rng: &rng)
        case .neatPython(let a): a.reproduction.mutation.mutate(&genome, config: config, tracker: &tracker, rng: &rng)
        }
    }

    /// `config`'s algorithm's add-node mutation.
    @discardableResult
    static func addNode(_ genome: inout Genome, config: NEATConfig, tracker: inout InnovationTracker, rng: inout Xoshiro256) -> Bool {
        switch SelectedAlgorithm(config) {
        case .paper(let a): a.reproduction.mutation.addNode.mutate(&genome, config: config, tracker: &tracker, rng: &rng)
        case .neatPython(let a): a.reproduction.mutation.addNode.mutate(&genome, config: config, tracker: &tracker, rng: &rng)
        }
    }

    /// `config`'s algorithm's add-connection mutation.
    static func addConnection(_ config: NEATConfig) -> AddConnectionMutation {
        switch SelectedAlgorithm(config) {
        case .paper(let a): a.reproduction.mutation.addConnection
        case .neatPython: NeatPythonMutationSchedule.addConnection(config)
        }
    }

    /// `config`'s algorithm's crossover.
    static func cross(_ a: Genome, _ b: Genome, childID: Int, config: NEATConfig, recycler: inout GenomeRecycler,
                      rng: inout Xoshiro256) -> Genome {
        switch config.semantics {
        case .paper: Crossover<PaperGeneInheritance>().cross(a, b, childID: childID, config: config, recycler: &recycler, rng: &rng)
        case .neatPython: Crossover<NeatPythonGeneInheritance>().cross(a, b, childID: childID, config: config, recycler: &recycler, rng: &rng)
        }
    }

    /// `config`'s algorithm's crossover into new storage.
    static func cross(_ a: Genome, _ b: Genome, childID: Int, config: NEATConfig, rng: inout Xoshiro256) -> Genome {
        var fresh = GenomeRecycler()
        return cross(a, b, childID: childID, config: config, recycler: &fresh, rng: &rng)
    }

    /// `config`'s algorithm's speciation (with `workspace`, or a fresh one).
    static func speciate(_ config: NEATConfig, _ genomes: [Genome], species: inout [Species], nextSpeciesID: Int, generation: Int,
                         workspace: inout SpeciationWorkspace) -> Int {
        switch SelectedAlgorithm(config) {
        case .paper(let a):
            a.speciation.speciate(genomes, species: &species, nextSpeciesID: nextSpeciesID, generation: generation,
                                  threshold: config.compatibilityThreshold, config: config, workspace: &workspace)
        case .neatPython(let a):
            a.speciation.speciate(genomes, species: &species, nextSpeciesID: nextSpeciesID, generation: generation,
                                  threshold: config.compatibilityThreshold, config: config, workspace: &workspace)
        }
    }

    static func speciate(_ config: NEATConfig, _ genomes: [Genome], species: inout [Species], nextSpeciesID: Int, generation: Int) -> Int {
        var workspace = SpeciationWorkspace()
        return speciate(config, genomes, species: &species, nextSpeciesID: nextSpeciesID, generation: generation, workspace: &workspace)
    }

    /// `config`'s algorithm's stagnation.
    static func stagnation(_ config: NEATConfig, genomes: [Genome], species: inout [Species], generation: Int) -> [Bool] {
        switch SelectedAlgorithm(config) {
        case .paper(let a): a.stagnation.update(genomes: genomes, species: &species, generation: generation, config: config)
        case .neatPython(let a): a.stagnation.update(genomes: genomes, species: &species, generation: generation, config: config)
        }
    }

    /// Stagnation then reproduction, as `Population` breeds (into `recycler`'s storage, or new storage).
    static func breed(_ config: NEATConfig, genomes: [Genome], species: inout [Species], generation: Int, state: inout ReproductionState,
                      tracker: inout InnovationTracker, recycler: inout GenomeRecycler, rng: inout Xoshiro256) -> [Genome] {
        switch SelectedAlgorithm(config) {
        case .paper(let a):
            a.breed(genomes: genomes, species: &species, generation: generation, config: config, state: &state, tracker: &tracker,
                    recycler: &recycler, rng: &rng)
        case .neatPython(let a):
            a.breed(genomes: genomes, species: &species, generation: generation, config: config, state: &state, tracker: &tracker,
                    recycler: &recycler, rng: &rng)
        }
    }

    static func breed(_ config: NEATConfig, genomes: [Genome], species: inout [Species], generation: Int, state: inout ReproductionState,
                      tracker: inout InnovationTracker, rng: inout Xoshiro256) -> [Genome] {
        var fresh = GenomeRecycler()
        return breed(config, genomes: genomes, species: &species, generation: generation, state: &state, tracker: &tracker,
                     recycler: &fresh, rng: &rng)
    }
}
