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
        var g = GenomeFactory(config: base).makeGenome(id: 0, tracker: &tracker, rng: &rng)
        var c = base
        c.nodeAddProb = 0.3
        c.connAddProb = 0.6
        for _ in 0..<steps {
            tracker.startGeneration()
            GenomeMutator().mutate(&g, config: c, tracker: &tracker, rng: &rng)
        }
        return g
    }
}
