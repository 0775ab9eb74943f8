@testable import Engine

/// Policies and boards shared by the duel tests.
enum DuelTestSupport {
    /// Always goes straight.
    static func straight(_: DuelMatch, _: Int, _: UnsafePointer<Float>) -> DuelAction { .straight }

    /// Plays `seed` with `a` in seat A and `b` in seat B.
    static func play(seed: UInt64, rules: DuelRules = DuelRules(), a: DuelEvaluator.Policy, b: DuelEvaluator.Policy) -> DuelOutcome {
        DuelEvaluator.play(seed: seed, rules: rules, a: a, b: b)
    }

    /// An empty walled board of `width × height` with the given heads and
    /// extra cells, as ASCII rows for `DuelMatch(board:headings:)`.
    static func board(width: Int, height: Int, a: (Int, Int), b: (Int, Int), extra: [(x: Int, y: Int, symbol: Character)] = []) -> [String] {
        var rows = (0..<height).map { y in
            [Character]((0..<width).map { x in x == 0 || y == 0 || x == width - 1 || y == height - 1 ? "#" : "." })
        }
        rows[a.1][a.0] = "A"
        rows[b.1][b.0] = "B"
        for e in extra { rows[e.y][e.x] = e.symbol }
        return rows.map { String($0) }
    }
}

/// A uniformly random player with its own seeded generator (a class so that a
/// policy closure can advance it).
final class RandomDuelPlayer {
    private var rng: Xoshiro256
    init(seed: UInt64) { rng = Xoshiro256(seed: seed) }
    func next() -> DuelAction { DuelAction(rawValue: UInt8(rng.nextInt(below: 3)))! }
    var policy: DuelEvaluator.Policy { { _, _, _ in self.next() } }
}
