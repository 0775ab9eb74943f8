/// How a generation's match outcomes become each genome's fitness.
///
/// The score is the rule: **wins + ½ draws** over every match the genome
/// played. With `survivalTieBreak` a small term is added that orders genomes with
/// the same score by how long they stayed alive:
///
///     fitness = wins + ½ draws + 0.25 × (ticks survived) / (matches played × tick cap)
///
/// The term lies in [0, 0.25], and two different scores differ by at least ½, so
/// it never reorders genomes with different scores: it only breaks ties. Early,
/// random networks thus get selected for surviving rather than for having drawn an
/// opponent that crashes first. `score(fitness:)` recovers the plain score.
public struct TournamentScoring: Sendable, Equatable {
    /// Add the survival tie-break (the default) or use the plain score.
    public var survivalTieBreak: Bool

    /// The tie-break's upper bound (half the smallest step between two scores).
    public static let tieBreakWeight = 0.25

    public init(survivalTieBreak: Bool = true) {
        self.survivalTieBreak = survivalTieBreak
    }

    /// Ticks credited to `player` (0 = A, 1 = B) for a finished match: the ticks it
    /// stayed alive before its crashing move (a loss, or a draw by collision), or the
    /// full tick cap when it did not crash (a win, or a tick-cap draw). So a genome
    /// that crashes at tick 80 ranks above one that crashes at tick 5, while a win
    /// counts as surviving to the end, however early the opponent crashed.
    @inline(__always)
    public static func survivedTicks(_ outcome: DuelOutcome, player: Int, tickCap: Int) -> Int {
        switch outcome.result {
        case .draw: return outcome.reason == .tickCap ? tickCap : outcome.ticks - 1
        case .playerAWins: return player == 0 ? tickCap : outcome.ticks - 1
        case .playerBWins: return player == 1 ? tickCap : outcome.ticks - 1
        }
    }

    /// The tie-break term, in [0, `tieBreakWeight`]; 0 when no match was played.
    public static func tieBreak(survivedTicks: Int, matches: Int, tickCap: Int) -> Double {
        guard matches > 0, tickCap > 0 else { return 0 }
        let fraction = Double(survivedTicks) / (Double(matches) * Double(tickCap))
        return tieBreakWeight * min(1, max(0, fraction))
    }

    /// The plain score (wins + ½ draws) inside a fitness, with or without the tie-break.
    public static func score(fitness: Double) -> Double {
        (fitness * 2).rounded(.down) / 2
    }
}
