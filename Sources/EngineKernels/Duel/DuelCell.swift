/// What occupies one board cell. Stored as its raw byte in `DuelMatch`'s flat grid.
///
/// A cycle's head cell is part of its trail: every cell a cycle has ever occupied,
/// its start and current head included, holds its trail value.
public enum DuelCell: UInt8, Sendable, Hashable, CaseIterable {
    case empty = 0
    /// The one-cell border around the board.
    case wall = 1
    /// A seeded obstacle inside the board.
    case obstacle = 2
    /// Player A's trail (its head included).
    case trailA = 3
    /// Player B's trail (its head included).
    case trailB = 4

    /// The trail value of `player` (0 = A, 1 = B).
    @inline(__always) public static func trail(of player: Int) -> DuelCell { player == 0 ? .trailA : .trailB }
}
