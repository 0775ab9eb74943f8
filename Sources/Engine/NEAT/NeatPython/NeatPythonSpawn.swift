/// How many children each species gets, exactly as neat-python's
/// `DefaultReproduction` computes it.
enum NeatPythonSpawn {
    /// neat-python's `DefaultReproduction.compute_spawn` (Python's round: halves to even).
    static func compute(adjustedFitness: [Double], previousSizes: [Int], popSize: Int, minSpeciesSize: Int) -> [Int] {
        let afSum = adjustedFitness.reduce(0, +)
        var amounts = [Int]()
        for (af, ps) in zip(adjustedFitness, previousSizes) {
            let s = afSum > 0 ? max(Double(minSpeciesSize), af / afSum * Double(popSize)) : Double(minSpeciesSize)
            let d = (s - Double(ps)) * 0.5
            let c = Int(d.rounded(.toNearestOrEven))
            var spawn = ps
            if abs(c) > 0 { spawn += c } else if d > 0 { spawn += 1 } else if d < 0 { spawn -= 1 }
            amounts.append(spawn)
        }
        let totalSpawn = amounts.reduce(0, +)
        let norm = Double(popSize) / Double(totalSpawn)
        return amounts.map { max(minSpeciesSize, Int((Double($0) * norm).rounded(.toNearestOrEven))) }
    }

    /// neat-python 2.0's `DefaultReproduction._adjust_spawn_exact`: makes the spawn
    /// amounts sum to `popSize` exactly. Extras go one at a time to the smallest
    /// species first; surplus is taken one at a time from the largest first, never
    /// below `minSpeciesSize`. (neat-python raises when one pass over the species
    /// cannot remove the surplus; this keeps passing while it can, and gives up
    /// only when every species is at the minimum.)
    static func adjustExact(_ spawnAmounts: [Int], popSize: Int, minSpeciesSize: Int) -> [Int] {
        var amounts = spawnAmounts
        var diff = popSize - amounts.reduce(0, +)
        guard diff != 0, !amounts.isEmpty else { return amounts }
        // Python's sort is stable: ties keep species order.
        if diff > 0 {
            let order = amounts.indices.sorted { (amounts[$0], $0) < (amounts[$1], $1) }
            var i = 0
            while diff > 0 { amounts[order[i]] += 1; diff -= 1; i = (i + 1) % order.count }
        } else {
            let order = amounts.indices.sorted { amounts[$0] != amounts[$1] ? amounts[$0] > amounts[$1] : $0 < $1 }
            var remaining = -diff, i = 0, removedThisPass = false
            while remaining > 0 {
                if amounts[order[i]] > minSpeciesSize { amounts[order[i]] -= 1; remaining -= 1; removedThisPass = true }
                i = (i + 1) % order.count
                if i == 0 { if !removedThisPass { break }; removedThisPass = false }
            }
        }
        return amounts
    }
}
