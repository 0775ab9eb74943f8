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

    /// Storage speciation reuses from one generation to the next (`Population` keeps
    /// one), so that speciating allocates nothing once it has seen a generation as
    /// large as the current one.
    public struct Workspace: Sendable {
        var table = GenomeDistanceTable()
        var order: [Int] = []
        var assigned: [Bool] = []
        var repRow: [Int] = []
        public init() {}
    }

    /// Re-speciates `genomes`, updating `species` in place (empty species are removed)
    /// and returning the next species id to use.
    public func speciate<R: RandomNumberGenerator>(_ genomes: [Genome], species: inout [Species], nextSpeciesID: Int,
                                                  generation: Int, rng: inout R) -> Int {
        var workspace = Workspace()
        return speciate(genomes, species: &species, nextSpeciesID: nextSpeciesID, generation: generation, workspace: &workspace, rng: &rng)
    }

    /// `speciate(_:species:nextSpeciesID:generation:rng:)` with storage from `workspace`.
    public func speciate<R: RandomNumberGenerator>(_ genomes: [Genome], species: inout [Species], nextSpeciesID: Int,
                                                  generation: Int, workspace: inout Workspace, rng: inout R) -> Int {
        var nextID = nextSpeciesID
        for s in species.indices { species[s].members.removeAll(keepingCapacity: true) }

        if config.semantics == .neatPython {
            nextID = speciateNeatPython(genomes, species: &species, nextID: nextID, generation: generation, workspace: &workspace)
        } else {
            let distance = CompatibilityDistance(config: config)
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

    /// neat-python's speciation: new representatives closest to the old ones, then
    /// every other genome, in id order, to the closest compatible species.
    private func speciateNeatPython(_ genomes: [Genome], species: inout [Species], nextID: Int, generation: Int,
                                    workspace: inout Workspace) -> Int {
        let distance = CompatibilityDistance(config: config)
        let threshold = config.compatibilityThreshold
        let n = genomes.count
        var nextID = nextID
        // Every genome's connections sorted by (from, to) once: rows 0 ..< n are the
        // genomes, the old representatives follow (row n + s for species s).
        workspace.table.reset()
        workspace.table.append(contentsOf: genomes)
        for s in species.indices { workspace.table.append(species[s].representative) }
        // neat-python visits genomes in ascending key order (ties and new species depend on it).
        Self.sortByID(genomes, into: &workspace.order)
        workspace.assigned.removeAll(keepingCapacity: true)
        workspace.assigned.append(contentsOf: repeatElement(false, count: n))
        // Rows of the representatives, species by species: a local array (moved out of the
        // workspace and back), so reading it in the loops below retains nothing.
        var repRow: [Int] = []
        swap(&repRow, &workspace.repRow)
        repRow.removeAll(keepingCapacity: true)
        defer { swap(&repRow, &workspace.repRow) }
        let oldCount = species.count
        var kept = 0
        workspace.table.withView { view in
        workspace.order.withUnsafeBufferPointer { byID in
        workspace.assigned.withUnsafeMutableBufferPointer { assigned in
            // New representative: the unassigned genome closest to the old one. Kept
            // species are compacted to the front of `species`, in order.
            for s in 0..<oldCount {
                let oldRow = n + s
                var bestIndex = -1, bestDistance = 0.0
                for i in byID where !assigned[i] {
                    // Only a strictly smaller distance replaces the best (ties keep the
                    // first in id order), so distances known to be ≥ it are not finished.
                    let d: Double
                    if bestIndex < 0 {
                        d = distance.neatPython(view, oldRow, i)
                    } else {
                        guard let below = distance.neatPython(view, oldRow, i, below: bestDistance) else { continue }
                        d = below
                    }
                    bestIndex = i; bestDistance = d
                    // Nothing is closer than 0 (the old representative survived as an elite).
                    if d == 0 { break }
                }
                guard bestIndex >= 0 else { continue }
                assigned[bestIndex] = true
                if kept != s { species.swapAt(kept, s) }
                species[kept].representative = genomes[bestIndex]
                species[kept].members.append(bestIndex)
                kept += 1
                repRow.append(bestIndex)
            }
            species.removeLast(oldCount - kept)
            for i in byID where !assigned[i] {
                var bestK = -1, bestDistance = 0.0
                for k in 0..<repRow.count {
                    // Below the threshold and, once one species qualifies, below its distance.
                    if let d = distance.neatPython(view, repRow[k], i, below: bestK < 0 ? threshold : bestDistance) {
                        bestK = k; bestDistance = d
                    }
                }
                if bestK >= 0 {
                    species[bestK].members.append(i)
                } else {
                    species.append(Species(id: nextID, representative: genomes[i], members: [i], created: generation))
                    repRow.append(i)
                    nextID += 1
                }
            }
        }}}
        return nextID
    }

    /// Indices of `genomes` in ascending id order (ids are unique).
    static func sortByID(_ genomes: [Genome], into order: inout [Int]) {
        order.removeAll(keepingCapacity: true)
        var packable = true
        for i in genomes.indices {
            let id = genomes[i].id
            if id < 0 || id >= 1 << 31 || i >= 1 << 31 { packable = false; break }
            order.append(id << 32 | i)
        }
        if packable {
            // (id, index) packed in one Int: sorting the Ints sorts by id.
            order.sort()
            for k in order.indices { order[k] &= (1 << 32) - 1 }
        } else {
            order = genomes.indices.sorted { genomes[$0].id < genomes[$1].id }
        }
    }
}
