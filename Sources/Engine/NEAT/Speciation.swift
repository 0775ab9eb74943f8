/// Divides a population into species by compatibility distance against the
/// threshold δt.
///
/// Paper: each existing species is represented by a genome of the previous
/// generation (its best one, as NEAT's reference implementation does; `Population`
/// sets it); genomes join the first species whose representative is within δt,
/// or found a new one. neat-python: each species' new representative is the
/// genome closest to its old one, and genomes join the closest compatible species.
public struct Speciation: Sendable {
    public let config: NEATConfig

    public init(config: NEATConfig) { self.config = config }

    /// Re-speciates `genomes`, updating `species` in place (empty species are removed)
    /// and returning the next species id to use.
    public func speciate<R: RandomNumberGenerator>(_ genomes: [Genome], species: inout [Species], nextSpeciesID: Int,
                                                  generation: Int, rng: inout R) -> Int {
        let distance = CompatibilityDistance(config: config)
        var nextID = nextSpeciesID
        var assigned = [Bool](repeating: false, count: genomes.count)
        for s in species.indices { species[s].members.removeAll(keepingCapacity: true) }

        if config.semantics == .neatPython {
            // Every genome's connections sorted by (from, to) once: rows 0 ..< count are
            // the genomes, the old representatives follow.
            var keys = GenomeDistanceTable()
            keys.reserve(genomes: genomes.count + species.count,
                         nodes: genomes.reduce(0) { $0 + $1.nodes.count } * 2, connections: genomes.reduce(0) { $0 + $1.connections.count } * 2)
            for g in genomes { keys.append(g) }
            // neat-python visits genomes in ascending key order (ties and new species depend on it).
            let byID = genomes.indices.sorted { genomes[$0].id < genomes[$1].id }
            // New representative: the unassigned genome closest to the old one.
            var keep = [Species]()
            keep.reserveCapacity(species.count)
            var repRow = [Int]()
            repRow.reserveCapacity(species.count + 8)
            for var s in species {
                let oldRow = keys.append(s.representative)
                var bestIndex = -1, bestDistance = 0.0
                for i in byID where !assigned[i] {
                    let d = distance.neatPython(keys, oldRow, i)
                    if bestIndex < 0 || d < bestDistance {
                        bestIndex = i; bestDistance = d
                        // Nothing is closer than 0 (the old representative survived as an elite).
                        if d == 0 { break }
                    }
                }
                guard bestIndex >= 0 else { continue }
                assigned[bestIndex] = true
                s.representative = genomes[bestIndex]
                s.members = [bestIndex]
                keep.append(s)
                repRow.append(bestIndex)
            }
            species = keep
            for i in byID where !assigned[i] {
                var bestK = -1, bestDistance = 0.0
                for k in repRow.indices {
                    let d = distance.neatPython(keys, repRow[k], i)
                    if d < config.compatibilityThreshold && (bestK < 0 || d < bestDistance) { bestK = k; bestDistance = d }
                }
                if bestK >= 0 {
                    species[bestK].members.append(i)
                } else {
                    species.append(Species(id: nextID, representative: genomes[i], members: [i], created: generation))
                    repRow.append(i)
                    nextID += 1
                }
            }
        } else {
            for (i, g) in genomes.enumerated() {
                var placed = false
                for k in species.indices where distance.distance(species[k].representative, g) < config.compatibilityThreshold {
                    species[k].members.append(i)
                    placed = true
                    break
                }
                if !placed {
                    species.append(Species(id: nextID, representative: g, members: [i], created: generation))
                    nextID += 1
                }
            }
            species.removeAll { $0.members.isEmpty }
            // Representatives for the next generation are set by `Population` once
            // this one is evaluated (each species' best genome).
        }
        return nextID
    }
}
