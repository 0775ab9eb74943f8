/// What a player does in one tick, relative to its current heading.
///
/// A duel network has three outputs, in raw-value order: output 0 votes for
/// `left`, 1 for `straight`, 2 for `right`; the largest wins (see
/// `init(outputs:)` for ties).
public enum DuelAction: UInt8, Sendable, Hashable, CaseIterable, Codable {
    case left = 0, straight = 1, right = 2

    /// The order in which ties are broken: straight, then left, then right.
    public static let tieBreakOrder: [DuelAction] = [.straight, .left, .right]

    /// Picks the action whose output is largest.
    ///
    /// `outputs` points at three floats (left, straight, right). A tie goes to
    /// `straight` if it is among the largest, otherwise to `left`. NaN counts as
    /// −∞, so a network that outputs NaN everywhere goes straight. Allocates nothing.
    @inline(__always)
    public init(outputs: UnsafePointer<Float>) {
        // NaN compares false with everything, so map it below every real value.
        @inline(__always) func v(_ x: Float) -> Float { x.isNaN ? -.infinity : x }
        let l = v(outputs[0]), s = v(outputs[1]), r = v(outputs[2])
        if s >= l && s >= r {
            self = .straight
        } else if l >= r {
            self = .left
        } else {
            self = .right
        }
    }
}
