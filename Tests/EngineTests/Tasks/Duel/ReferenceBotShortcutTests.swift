import Testing
@testable import Engine
@testable import EngineKernels

/// The bot skips a flood fill when an earlier fill of the same move choice reached
/// `areaLimit` and marked the cell; these tests check that it still picks exactly the
/// move a plain fill of every candidate would pick.
@Suite struct ReferenceBotShortcutTests {
    /// The documented strategy with a full fill per candidate move (no shortcut).
    static func plainAction(match m: DuelMatch, player: Int, areaLimit: Int) -> DuelAction {
        let w = m.width
        let head = player == 0 ? m.headA : m.headB
        let heading = player == 0 ? m.headingA : m.headingB
        let oHead = player == 0 ? m.headB : m.headA
        let oHeading = player == 0 ? m.headingB : m.headingA
        func area(_ start: Int) -> Int {
            var seen: Set<Int> = [start], queue = [start], read = 0
            while read < queue.count && queue.count < areaLimit {
                let i = queue[read]; read += 1
                for n in [i - w, i + 1, i + w, i - 1] where queue.count < areaLimit && m.cells[n] == DuelCell.empty.rawValue && !seen.contains(n) {
                    seen.insert(n); queue.append(n)
                }
            }
            return queue.count
        }
        var best = DuelAction.straight, bestScore = Int.min
        for action in DuelAction.tieBreakOrder {
            let d = heading.applying(action)
            let next = head + d.dx + d.dy * w
            var score = -1
            if m.cells[next] == DuelCell.empty.rawValue {
                score = area(next)
                let reachable = DuelAction.allCases.contains { a in
                    let e = oHeading.applying(a)
                    return oHead + e.dx + e.dy * w == next
                }
                if reachable { score /= 4 }
            }
            if score > bestScore { bestScore = score; best = action }
        }
        return best
    }

    /// Bitboard fills (boards ≤ 64 wide), breadth-first fills (wider boards, or
    /// bitboards off) and the plain fill agree on every tick, on several board shapes.
    @Test(arguments: [(24, 24), (64, 20), (40, 9), (70, 30)])
    func bitboardsAndBreadthFirstAgree(width: Int, height: Int) throws {
        let rules = DuelRules(width: width, height: height, tickCap: 400, obstaclePairs: 3)
        try rules.validate()
        for limit in [128, 40, 1] {
            let fast = ReferenceBot(areaLimit: limit), slow = ReferenceBot(areaLimit: limit, bitboards: false)
            var checked = 0
            for seed in 0..<12 as Range<UInt64> {
                var m = DuelMatch(rules: rules, seed: seed)
                let random = RandomDuelPlayer(seed: seed &+ 5)
                while !m.isOver {
                    let a = fast.action(match: m, player: 0), b = fast.action(match: m, player: 1)
                    #expect(a == slow.action(match: m, player: 0))
                    #expect(b == slow.action(match: m, player: 1))
                    if seed % 4 == 0 { #expect(a == Self.plainAction(match: m, player: 0, areaLimit: limit)) }
                    checked += 2
                    m.step(actionA: a, actionB: seed % 3 == 0 ? random.next() : b)
                }
            }
            #expect(checked > 200)
        }
    }

    @Test(arguments: [128, 16, 3])
    func sameMovesAsPlainFills(areaLimit: Int) {
        let bot = ReferenceBot(areaLimit: areaLimit)
        var checked = 0
        for seed in 0..<30 as Range<UInt64> {
            var m = DuelMatch(rules: DuelRules(), seed: seed)
            let random = RandomDuelPlayer(seed: seed &+ 77)
            while !m.isOver {
                let a = bot.action(match: m, player: 0), b = bot.action(match: m, player: 1)
                #expect(a == Self.plainAction(match: m, player: 0, areaLimit: areaLimit))
                #expect(b == Self.plainAction(match: m, player: 1, areaLimit: areaLimit))
                checked += 2
                m.step(actionA: a, actionB: seed % 2 == 0 ? b : random.next())
            }
        }
        #expect(checked > 1000)
    }
}
