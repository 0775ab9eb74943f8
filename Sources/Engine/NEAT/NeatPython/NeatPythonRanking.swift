/// A species' best members in neat-python's order, descending (fitness, genome id),
/// found without sorting the whole species. Keeps its scratch storage from one call
/// to the next (reproduction keeps one per generation).
struct NeatPythonRanking {
    /// A member as the ranking sorts it.
    struct Key {
        var fitness: Double
        var id: Int
        var index: Int
        /// Whether `self` ranks before `other`: higher fitness first, then the higher id.
        @inline(__always) func before(_ other: Key) -> Bool {
            fitness != other.fitness ? fitness > other.fitness : id > other.id
        }
    }

    private var keys: [Key] = []

    /// Writes the first `top` of `members` (indices into `genomes`) to `order` (fewer
    /// when there are fewer members). Ids are unique, so the order is total and the
    /// first `top` are those of a full sort: each member is compared with the worst
    /// kept so far and inserted only if it ranks before it. With a NaN fitness the
    /// order is not total, and the members are sorted exactly as before (the
    /// standard library's sort on the same comparison).
    mutating func top(_ top: Int, of members: [Int], genomes: [Genome], into order: inout [Int]) {
        keys.removeAll(keepingCapacity: true)
        order.removeAll(keepingCapacity: true)
        let limit = min(top, members.count)
        guard limit > 0 else { return }
        var nan = false
        keys.reserveCapacity(limit + 1)
        for i in members {
            let f = genomes[i].fitness ?? 0
            if f.isNaN { nan = true; break }
            let key = Key(fitness: f, id: genomes[i].id, index: i)
            if keys.count == limit {
                guard key.before(keys[limit - 1]) else { continue }
                keys.removeLast()
            }
            keys.append(key)
            var j = keys.count - 1
            while j > 0 && key.before(keys[j - 1]) { keys[j] = keys[j - 1]; j -= 1 }
            keys[j] = key
        }
        if nan {
            // The standard library's sort, with the same comparison, on every member.
            keys = members.map { Key(fitness: genomes[$0].fitness ?? 0, id: genomes[$0].id, index: $0) }
            keys.sort { $0.before($1) }
            keys.removeLast(keys.count - limit)
        }
        for key in keys { order.append(key.index) }
    }
}
