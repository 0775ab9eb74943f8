import Testing
@testable import Engine

@Suite struct ReferenceEvaluationTests {
    /// A 100-input, 3-output network with no connections whose outputs are its biases.
    static func constantNetwork(left: Double, straight: Double, right: Double) -> CompiledNetwork {
        let nodes = [left, straight, right].enumerated().map { NodeGene(id: $0.offset, activation: .identity, bias: $0.element) }
        return CompiledNetwork(Genome(id: 0, numInputs: 100, numOutputs: 3, nodes: nodes, connections: []))
    }

    @Test func winRateCountsDrawsAsHalf() {
        #expect(ReferenceEvaluation(wins: 2, draws: 1, losses: 1).winRate == 0.625)
        #expect(ReferenceEvaluation().winRate == 0)
        #expect(ReferenceEvaluation(wins: 0, draws: 4, losses: 0).winRate == 0.5)
    }

    @Test func defaultSeedsAreFixedAndDistinct() {
        let seeds = ReferenceEvaluation.defaultSeeds()
        #expect(seeds.count == 50 && Set(seeds).count == 50)
        #expect(seeds == ReferenceEvaluation.defaultSeeds())
        #expect(ReferenceEvaluation.defaultSeeds(count: 5) == Array(seeds.prefix(5)))
    }

    @Test func networkGamesMatchTheSamePolicyPlayedDirectly() {
        let net = Self.constantNetwork(left: 0, straight: 1, right: 0)
        let seeds = Array(0..<20 as Range<UInt64>)
        let record = ReferenceEvaluation.evaluate(network: net, seeds: seeds, rules: DuelRules())
        #expect(record.matches == 20)
        let bot = ReferenceBot()
        var expected = ReferenceEvaluation()
        for seed in seeds {
            switch DuelTestSupport.play(seed: seed, a: DuelTestSupport.straight, b: { m, p, _ in bot.action(match: m, player: p) }).result {
            case .playerAWins: expected.wins += 1
            case .draw: expected.draws += 1
            case .playerBWins: expected.losses += 1
            }
        }
        #expect(record == expected)
        #expect(record.winRate < 0.1, "going straight loses to the bot")
        #expect(ReferenceEvaluation.winRate(network: net, seeds: seeds, rules: DuelRules()) == record.winRate)
    }

    @Test func networkPolicyReadsTheObservation() throws {
        // Output "straight" = −10 × (straight cell); a wall ahead makes left (bias 0.1) win.
        var connections = [ConnectionGene]()
        connections.append(ConnectionGene(innovation: 0, from: -1 - 65, to: 1, weight: -10))
        let nodes = [NodeGene(id: 0, activation: .identity, bias: 0.1), NodeGene(id: 1, activation: .identity, bias: 1),
                     NodeGene(id: 2, activation: .identity, bias: 0)]
        let net = CompiledNetwork(Genome(id: 1, numInputs: 100, numOutputs: 3, nodes: nodes, connections: connections))
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: net.scratchCount + 3)
        defer { scratch.deallocate() }
        let policy = DuelEvaluator.networkPolicy(net, scratch: scratch)
        let blocked = try DuelMatch(board: ["#####", "#A..#", "#..B#", "#####"], headings: (.up, .up))
        let open = try DuelMatch(board: ["#####", "#...#", "#A.B#", "#####"], headings: (.up, .up))
        #expect(policy(blocked, 0, blocked.observation(player: 0)) == .left)
        #expect(policy(open, 0, open.observation(player: 0)) == .straight)
    }
}
