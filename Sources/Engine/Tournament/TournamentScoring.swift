/// How a generation's match outcomes become each genome's fitness.
///
/// The score is the tournament's rule: **wins + ½ draws** over every match the genome
/// played. Two terms can be added:
///
///     fitness = wins + ½ draws
///             + referenceSurvivalWeight × Σ over reference-bot matches (ticks survived / tick cap)
///             + 0.25 × (ticks survived in all matches) / (matches played × tick cap)
///
/// * The **reference survival** term (default weight 2) credits how long a genome
///   held out against the fixed `ReferenceBot`. Nearly every early genome loses to
///   the bot, so wins alone carry almost no information about it; a genome that
///   lasts 90 ticks before losing is much closer to beating it than one that
///   crashes at tick 20. A win (or a tick-cap draw) credits the whole tick cap,
///   so beating the bot stays the best result. 0 turns it off.
/// * The **survival tie-break** lies in [0, 0.25]. Two different scores differ by
///   at least ½, so on its own it never reorders genomes with different scores:
///   it only breaks ties, so early random networks get selected for surviving
///   rather than for having drawn an opponent that crashes first.
///
/// With the reference term off, `score(fitness:)` recovers the plain score.
public struct TournamentScoring: Sendable, Equatable, Codable {
    /// Add the survival tie-break (the default) or use the plain score.
    public var survivalTieBreak: Bool
    /// Fitness per reference-bot match survived to the tick cap (0: no reference term).
    public var referenceSurvivalWeight: Double

    /// The tie-break's upper bound (half the smallest step between two scores).
    public static let tieBreakWeight = 0.25
    /// The default `referenceSurvivalWeight` (docs/duel.md has the measurements behind it).
    public static let defaultReferenceSurvivalWeight = 2.0

    public init(survivalTieBreak: Bool = true, referenceSurvivalWeight: Double = TournamentScoring.defaultReferenceSurvivalWeight) {
        self.survivalTieBreak = survivalTieBreak
        self.referenceSurvivalWeight = referenceSurvivalWeight
    }

    /// The plain rule: wins + ½ draws and nothing else.
    public static let plain = TournamentScoring(survivalTieBreak: false, referenceSurvivalWeight: 0)

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

    /// The reference survival term for `survivedTicks` summed over a genome's
    /// reference-bot matches: `weight × survivedTicks / tickCap`.
    public static func referenceSurvival(survivedTicks: Int, weight: Double, tickCap: Int) -> Double {
        guard tickCap > 0, weight > 0 else { return 0 }
        return weight * Double(survivedTicks) / Double(tickCap)
    }

    /// The plain score (wins + ½ draws) inside a fitness, with or without the
    /// tie-break; only when the reference survival term is off (weight 0).
    public static func score(fitness: Double) -> Double {
        (fitness * 2).rounded(.down) / 2
    }
}
