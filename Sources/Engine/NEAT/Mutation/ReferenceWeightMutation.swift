/// NEAT's reference implementation's weight mutation (`mutate_link_weights(power,
/// 1.0, GAUSSIAN)`, `NEATConfig.WeightSchedule.reference`): one draw makes the call
/// severe (probability ½). Per gene, with thresholds (g, c): severe (0.3, 0.1); else
/// the newest 20% of a genome with ≥ 10 genes (0.5, 0.3); else (0, −0.1) or (0, 0) at
/// random. A draw above g perturbs by uniform ±power, above c replaces with it;
/// weights are capped per `config.weight`. On average 85% perturbed, 10% replaced.
public struct ReferenceWeightMutation: MutationStrategy {
    public init() {}

    @discardableResult
    public func mutate<R: RandomNumberGenerator>(_ genome: inout Genome, config: NEATConfig, tracker: inout InnovationTracker, rng: inout R) -> Bool {
        guard !genome.connections.isEmpty else { return false }
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
        return true
    }
}
