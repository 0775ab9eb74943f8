/// Every match of one generation, as (seat A, seat B) pairs of model indices.
///
/// In order:
/// 1. the `schedule`'s genome-against-genome matches (the ring by default);
/// 2. `hallOfFame` matches per genome against past champions: opponent j of
///    genome i is hall-of-fame entry (i + j + generation) mod H, model index P + that;
/// 3. `referenceMatches` matches per genome against the `ReferenceBot`
///    (seat B = `TournamentPlan.referenceBot`).
///
/// A match's seed depends on its index in this list only, so turning (2) or (3)
/// on does not change the schedule's matches. Only genomes 0..<P get fitness.
public struct TournamentPlan: Sendable {
    /// Seat B of a match against the reference bot.
    public static let referenceBot = -1

    public let population: Int
    public let pairs: [(Int, Int)]

    public init(schedule: TournamentSchedule, population p: Int, generation: Int = 0,
                hallOfFame: Int = 0, hallOfFameCount: Int = 0, referenceMatches: Int = 0) {
        population = p
        var out = schedule.pairs(population: p)
        if hallOfFame > 0 && hallOfFameCount > 0 {
            out.reserveCapacity(out.count + p * hallOfFame)
            for i in 0..<p {
                for j in 0..<hallOfFame { out.append((i, p + (i + j + generation) % hallOfFameCount)) }
            }
        }
        if referenceMatches > 0 {
            out.reserveCapacity(out.count + p * referenceMatches)
            for i in 0..<p {
                for _ in 0..<referenceMatches { out.append((i, Self.referenceBot)) }
            }
        }
        pairs = out
    }

    /// Matches each genome plays.
    public func matchesPerGenome() -> [Int] {
        var n = [Int](repeating: 0, count: population)
        for (a, b) in pairs {
            if a < population { n[a] += 1 }
            if b >= 0 && b < population { n[b] += 1 }
        }
        return n
    }
}
