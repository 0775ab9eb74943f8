/// How a finished duel ended: who won, why, and after how many ticks.
///
/// `ticks` counts the steps taken, the final one included: a cycle that crashes
/// on its first move ends the match with `ticks == 1`; a match that reaches the
/// cap ends with `ticks == rules.tickCap`.
public struct DuelOutcome: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The winner, or a draw.
    public enum Result: UInt8, Sendable, Hashable, Codable {
        case playerAWins, playerBWins, draw
    }

    /// Why the match ended.
    public enum Reason: UInt8, Sendable, Hashable, Codable {
        /// Exactly one cycle moved into a blocked cell; the other wins.
        case crash
        /// Both cycles moved into blocked cells (different ones) in the same tick: draw.
        case bothCrashed
        /// Both cycles moved into the same cell in the same tick: draw.
        case headOn
        /// Each cycle moved into the cell the other's head occupied: draw.
        case swap
        /// `rules.tickCap` ticks passed without a crash: draw.
        case tickCap
    }

    public let result: Result
    public let reason: Reason
    public let ticks: Int

    public init(result: Result, reason: Reason, ticks: Int) {
        self.result = result
        self.reason = reason
        self.ticks = ticks
    }

    /// Tournament score of `player` (0 = A, 1 = B): 1 for a win, ½ for a draw, 0 for a loss.
    @inline(__always)
    public func score(player: Int) -> Double {
        switch result {
        case .draw: 0.5
        case .playerAWins: player == 0 ? 1 : 0
        case .playerBWins: player == 0 ? 0 : 1
        }
    }

    /// The same ending seen with the seats swapped (A's win becomes B's win).
    public var seatsSwapped: DuelOutcome {
        let r: Result = switch result {
        case .playerAWins: .playerBWins
        case .playerBWins: .playerAWins
        case .draw: .draw
        }
        return DuelOutcome(result: r, reason: reason, ticks: ticks)
    }

    public var description: String { "\(result) (\(reason)) after \(ticks) ticks" }
}
