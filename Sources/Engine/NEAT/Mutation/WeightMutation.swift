/// Perturbs or replaces connection weights: each weight is perturbed with
/// `config.weight.mutateRate` (paper: 90%) or replaced with `replaceRate` (10%);
/// paper mode uses NEAT's reference schedule by default (`NEATConfig.WeightSchedule`).
public struct WeightMutation: MutationStrategy {
    public init() {}

    @discardableResult
    public func mutate<R: RandomNumberGenerator>(_ genome: inout Genome, config: NEATConfig, tracker: inout InnovationTracker, rng: inout R) -> Bool {
        guard !genome.connections.isEmpty else { return false }
        if config.semantics == .paper && config.weightSchedule == .reference {
            referenceSchedule(&genome, config: config, rng: &rng)
            return true
        }
        let weight = config.weight
        genome.connections.withUnsafeMutableBufferPointer { cs in
            for i in 0..<cs.count { cs[i].weight = weight.mutate(cs[i].weight, using: &rng) }
        }
        return true
    }

    /// NEAT's reference `mutate_link_weights(power, 1.0, GAUSSIAN)`: one draw makes the
    /// call severe (probability ½). Per gene, with thresholds (g, c): severe (0.3, 0.1);
    /// else newest 20% of a genome with ≥ 10 genes (0.5, 0.3); else (0, −0.1) or (0, 0)
    /// at random. A draw above g perturbs by uniform ±power, above c replaces with it.
    func referenceSchedule<R: RandomNumberGenerator>(_ genome: inout Genome, config: NEATConfig, rng: inout R) {
        let power = config.weight.mutatePower
        let severe = rng.nextUnit() > 0.5
        let total = Double(genome.connections.count), tail = total * 0.8
        for i in genome.connections.indices {
            var g = 0.0, c = 0.0
            if severe { g = 0.3; c = 0.1 }
            else if total >= 10 && Double(i) > tail { g = 0.5; c = 0.3 }
            else if rng.nextUnit() > 0.5 { c = -0.1 }
            let delta = rng.nextUniform(-power, power)
            let choice = rng.nextUnit()
            var w = genome.connections[i].weight
            if choice > g { w += delta } else if choice > c { w = delta }
            genome.connections[i].weight = config.weight.clamp(w)
        }
    }
}
