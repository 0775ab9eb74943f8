/// The direction a cycle is moving, on a board whose row 0 is the top.
///
/// Raw values go clockwise, so a right turn adds 1 and a left turn subtracts 1
/// (modulo 4).
public enum DuelHeading: UInt8, Sendable, Hashable, CaseIterable, Codable {
    case up = 0, right = 1, down = 2, left = 3

    /// Column change of one step.
    @inline(__always) public var dx: Int {
        switch self {
        case .up, .down: 0
        case .right: 1
        case .left: -1
        }
    }

    /// Row change of one step (rows grow downwards).
    @inline(__always) public var dy: Int {
        switch self {
        case .left, .right: 0
        case .down: 1
        case .up: -1
        }
    }

    /// The heading after a quarter turn clockwise.
    @inline(__always) public var turnedRight: DuelHeading { DuelHeading(rawValue: (rawValue &+ 1) & 3)! }
    /// The heading after a quarter turn counter-clockwise.
    @inline(__always) public var turnedLeft: DuelHeading { DuelHeading(rawValue: (rawValue &+ 3) & 3)! }
    /// The opposite heading (what the other seat gets under the 180° board rotation).
    @inline(__always) public var reversed: DuelHeading { DuelHeading(rawValue: (rawValue &+ 2) & 3)! }

    /// The heading after taking `action`.
    @inline(__always) public func applying(_ action: DuelAction) -> DuelHeading {
        switch action {
        case .left: turnedLeft
        case .straight: self
        case .right: turnedRight
        }
    }
}
