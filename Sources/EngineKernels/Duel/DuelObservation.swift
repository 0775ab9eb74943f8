/// The values of the 100-float duel observation (see `DuelMatch.writeObservation`).
///
/// Every cell a cycle must not enter is positive, so "is this cell free?" is one
/// linear threshold for a network; the opponent is told apart by magnitude.
public enum DuelObservation {
    /// A free cell.
    public static let empty: Float = 0
    /// A wall, an obstacle, the player's own trail (its head included), or a cell
    /// off the board.
    public static let blocked: Float = 1
    /// The opponent's trail.
    public static let opponentTrail: Float = 0.5
    /// The opponent's head (also deadly, and the cell to watch).
    public static let opponentHead: Float = 0.75
}
