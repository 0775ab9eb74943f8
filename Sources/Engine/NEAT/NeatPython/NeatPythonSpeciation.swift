/// neat-python's speciation (`DefaultSpeciesSet.speciate`): each existing species
/// first takes, as its new representative, the unassigned genome closest to its old
/// one; then every other genome, in ascending genome id, joins the closest species
/// within δt or founds a new one. Distances are
/// neat-python's (`NeatPythonDistance`), read from a table of every genome's genes
/// sorted once per generation.
public struct NeatPythonSpeciation: SpeciationStrategy {
    public let distance = NeatPythonDistance()

    public init() {}

    /// neat-python picks representatives while speciating: nothing to do here.
    public func updateRepresentatives(species: inout [Species], evaluated genomes: [Genome]) {}

    public func speciate(_ genomes: [Genome], species: inout [Species], nextSpeciesID: Int, generation: Int, threshold: Double,
                         config: NEATConfig, workspace: inout SpeciationWorkspace) -> Int {
        for s in species.indices { species[s].members.removeAll(keepingCapacity: true) }
        let n = genomes.count
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
        var nextID = nextSpeciesID
        workspace.table.withView { view in
        workspace.order.withUnsafeBufferPointer { byID in
        workspace.assigned.withUnsafeMutableBufferPointer { assigned in
            keepClosest(genomes, species: &species, config: config, view: view, byID: byID, assigned: assigned, repRow: &repRow)
            for i in byID where !assigned[i] {
                if let k = closestSpecies(of: i, threshold: threshold, config: config, view: view, repRow: repRow) {
                    species[k].members.append(i)
                } else {
                    species.append(Species(id: nextID, representative: genomes[i], members: [i], created: generation))
                    repRow.append(i)
                    nextID += 1
                }
            }
        }}}
        return nextID
    }

    /// Each old species' new representative: the unassigned genome closest to its old
    /// representative (row n + s of `view`). Species that find one are compacted to the
    /// front of `species`, in order; the others are removed.
    private func keepClosest(_ genomes: [Genome], species: inout [Species], config: NEATConfig, view: GenomeDistanceTable.View,
                             byID: UnsafeBufferPointer<Int>, assigned: UnsafeMutableBufferPointer<Bool>, repRow: inout [Int]) {
        let n = genomes.count, oldCount = species.count
        var kept = 0
        for s in 0..<oldCount {
            let oldRow = n + s
            var bestIndex = -1, bestDistance = 0.0
            for i in byID where !assigned[i] {
                // Only a strictly smaller distance replaces the best (ties keep the
                // first in id order), so distances known to be ≥ it are not finished.
                let d: Double
                if bestIndex < 0 {
                    d = distance.distance(view, oldRow, i, config: config)
                } else {
                    guard let below = distance.distance(view, oldRow, i, below: bestDistance, config: config) else { continue }
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
    }

    /// The species (index into `repRow`, the representatives' rows) closest to genome
    /// `i` within the threshold; ties: the first. Nil when none is within it.
    @inline(__always)
    private func closestSpecies(of i: Int, threshold: Double, config: NEATConfig, view: GenomeDistanceTable.View, repRow: [Int]) -> Int? {
        var bestK = -1, bestDistance = 0.0
        for k in 0..<repRow.count {
            // Below the threshold and, once one species qualifies, below its distance.
            if let d = distance.distance(view, repRow[k], i, below: bestK < 0 ? threshold : bestDistance,
                                         config: config) {
                bestK = k; bestDistance = d
            }
        }
        return bestK >= 0 ? bestK : nil
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
