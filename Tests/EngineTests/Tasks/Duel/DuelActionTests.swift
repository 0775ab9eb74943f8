import Testing
@testable import Engine

@Suite struct DuelActionTests {
    static func pick(_ l: Float, _ s: Float, _ r: Float) -> DuelAction {
        let outputs: [Float] = [l, s, r]
        return outputs.withUnsafeBufferPointer { DuelAction(outputs: $0.baseAddress!) }
    }

    @Test func argmaxPicksTheLargestOutput() {
        #expect(Self.pick(0.9, 0.1, 0.2) == .left)
        #expect(Self.pick(0.1, 0.9, 0.2) == .straight)
        #expect(Self.pick(0.1, 0.2, 0.9) == .right)
        #expect(Self.pick(-3, -2, -1) == .right)
    }

    @Test func tiesGoToStraightThenLeft() {
        #expect(Self.pick(1, 1, 1) == .straight)
        #expect(Self.pick(1, 1, 0) == .straight)
        #expect(Self.pick(0, 1, 1) == .straight)
        #expect(Self.pick(1, 0, 1) == .left)
        #expect(DuelAction.tieBreakOrder == [.straight, .left, .right])
    }

    @Test func nanCountsAsMinusInfinity() {
        #expect(Self.pick(.nan, .nan, .nan) == .straight)
        #expect(Self.pick(.nan, .nan, -5) == .right)
        #expect(Self.pick(0, .nan, .nan) == .left)
    }

    @Test func headingsTurnRelativeToTheCurrentOne() {
        #expect(DuelHeading.up.applying(.left) == .left)
        #expect(DuelHeading.up.applying(.right) == .right)
        #expect(DuelHeading.left.applying(.left) == .down)
        #expect(DuelHeading.down.applying(.right) == .left)
        #expect(DuelHeading.right.applying(.straight) == .right)
        for h in DuelHeading.allCases { #expect(h.reversed.reversed == h && h.turnedLeft.turnedRight == h) }
    }
}
