import Engine

/// Encodes a duel checkpoint at population 150, 30 generations in (genomes grown by
/// structural mutation, several species, the curves of 30 generations), as the
/// checkpoint writer does after every generation (into the buffer it keeps between
/// checkpoints): what checkpointing costs a core, besides the disk's work.
final class CheckpointEncodeWorkload: Workload {
    static let generations = 30
    let checkpoint: Checkpoint
    var writer = CheckpointJSONWriter()

    init() {
        let options = DuelTrainingOptions()
        var population = Population(config: options.neatConfig, seed: 1)
        for _ in 0..<Self.generations {
            // A fixed fitness of each genome's genes stands in for the tournament: selection
            // and structural mutation shape the genomes as a run does, with no game played.
            _ = population.advance(fitnesses: population.genomes.map(Self.fitness))
        }
        var progress = DuelRunProgress(options: options)
        for g in 0..<Self.generations {
            progress.fitnessCurve.append(Double(g) * 1.25 + 0.1)
            progress.winRateCurve.append(Double(g % 7) / 7)
            progress.speciesCurve.append(3 + g % 5)
        }
        progress.champion = "c0ffee"
        checkpoint = Checkpoint(task: "duel", run: 0, seed: options.seed, population: population.state.withoutLastEvaluated,
                                savedAt: 1_700_000_000.5, duel: progress)
    }

    static func fitness(_ genome: Genome) -> Double {
        genome.connections.reduce(0.0) { $0 + ($1.enabled ? $1.weight : -0.5 * $1.weight) } + Double(genome.nodes.count) * 0.01
    }

    func run() -> UInt64 {
        do { try writer.encode(checkpoint) } catch { fatalError("the fixed checkpoint does not encode: \(error)") }
        return writer.withBytes { bytes in
            var sum = checksumSeed
            mix(&sum, UInt64(bytes.count))
            for i in stride(from: 0, to: bytes.count, by: 97) { mix(&sum, UInt64(bytes[i])) }
            return sum
        }
    }
}
