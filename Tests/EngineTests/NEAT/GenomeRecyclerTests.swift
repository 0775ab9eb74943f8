import Testing
@testable import Engine

@Suite struct GenomeRecyclerTests {
    typealias F = NEATFixture

    /// Evaluated genomes of some size, grown by random mutations.
    static func grownGenomes(count: Int, config: NEATConfig, seed: UInt64) -> [Genome] {
        var tracker = F.factory(config).makeTracker()
        return (0..<count).map { i in
            var g = F.grown(seed: seed &+ UInt64(i), steps: 3 + i % 7, config: config, tracker: &tracker)
            g.id = i
            g.fitness = Double((i * 37) % 11)
            return g
        }
    }

    @Test(arguments: [NEATConfig.Semantics.paper, .neatPython])
    func crossoverIntoRecycledStorageGivesTheFreshChild(semantics: NEATConfig.Semantics) {
        var config = semantics == .paper ? F.paper(inputs: 3) : F.neatPython(inputs: 3)
        config.semantics = semantics
        let parents = Self.grownGenomes(count: 12, config: config, seed: 5)
        // Spare storage: genomes of other shapes, some shared with a genome we keep.
        var spare = Self.grownGenomes(count: 40, config: config, seed: 99)
        let kept = spare[3]
        var recycler = GenomeRecycler()
        recycler.refill(from: &spare)
        #expect(spare.isEmpty)
        #expect(recycler.count == 40)
        var fresh = Xoshiro256(seed: 7), recycled = Xoshiro256(seed: 7)
        for k in 0..<60 {
            let a = parents[k % parents.count], b = parents[(k * 5 + 1) % parents.count]
            let expected = F.cross(a, b, childID: 1000 + k, config: config, rng: &fresh)
            let child = F.cross(a, b, childID: 1000 + k, config: config, recycler: &recycler, rng: &recycled)
            #expect(child == expected)
            #expect(child.validate() == nil)
        }
        #expect(recycler.count == 0)
        // The genome that shared its arrays with the recycled storage is untouched.
        #expect(kept == Self.grownGenomes(count: 40, config: config, seed: 99)[3])
    }

    @Test func takeGivesEmptyArraysWithRoom() {
        var genomes = Self.grownGenomes(count: 2, config: F.neatPython(inputs: 3), seed: 1)
        var recycler = GenomeRecycler()
        recycler.refill(from: &genomes)
        let (n, c) = recycler.take(nodes: 50, connections: 80)
        #expect(n.isEmpty && c.isEmpty)
        #expect(n.capacity >= 50 && c.capacity >= 80)
        let (n2, c2) = recycler.take(nodes: 1, connections: 1)
        #expect(n2.isEmpty && c2.isEmpty)
        // Nothing left: fresh arrays.
        let (n3, c3) = recycler.take(nodes: 3, connections: 4)
        #expect(n3.isEmpty && c3.isEmpty && n3.capacity >= 3 && c3.capacity >= 4)
    }

    /// Storage still shared by genomes in use (the elites) is never handed out; every
    /// other spare is, and then fresh arrays.
    @Test func refillLeavesOutTheStorageInUse() {
        var genomes = Self.grownGenomes(count: 6, config: F.neatPython(inputs: 3), seed: 4)
        let elites = [genomes[1], genomes[4]]  // share their arrays with spares 1 and 4
        func address<T>(_ a: [T]) -> UnsafeRawPointer? { a.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) } }
        let shared = Set(elites.flatMap { [address($0.nodes), address($0.connections)] })
        let unshared = Set([0, 2, 3, 5].flatMap { [address(genomes[$0].nodes), address(genomes[$0].connections)] })
        var recycler = GenomeRecycler()
        recycler.refill(from: &genomes, inUse: [4, 1, 99, -1])
        var handedOut = Set<UnsafeRawPointer?>()
        for _ in 0..<4 {
            var (n, c) = recycler.take(nodes: 1, connections: 1)
            n.append(NodeGene(id: 0, activation: .sigmoid)); c.append(ConnectionGene(innovation: 0, from: -1, to: 0, weight: 1))
            handedOut.formUnion([address(n), address(c)])
        }
        #expect(handedOut == unshared)
        #expect(handedOut.isDisjoint(with: shared))
        #expect(recycler.count == 0)
        #expect(elites == [Self.grownGenomes(count: 6, config: F.neatPython(inputs: 3), seed: 4)[1],
                           Self.grownGenomes(count: 6, config: F.neatPython(inputs: 3), seed: 4)[4]])
    }

    @Test(arguments: [NEATConfig.Semantics.paper, .neatPython])
    func reproductionWithRecyclerGivesTheSameGeneration(semantics: NEATConfig.Semantics) {
        var config = semantics == .paper ? F.paper(inputs: 3, population: 30) : F.neatPython(inputs: 3, population: 30)
        config.semantics = semantics
        let genomes = Self.grownGenomes(count: 30, config: config, seed: 3)
        var s1 = [Species](), s2 = [Species]()
        _ = F.speciate(config, genomes, species: &s1, nextSpeciesID: 0, generation: 0)
        s2 = s1
        var state1 = ReproductionState(nextGenomeID: 30), state2 = state1
        var t1 = InnovationTracker(nextInnovation: 1000, nextNodeID: 1000), t2 = t1
        var rng1 = Xoshiro256(seed: 11), rng2 = Xoshiro256(seed: 11)
        let fresh = F.breed(config, genomes: genomes, species: &s1, generation: 1, state: &state1,
                                                           tracker: &t1, rng: &rng1)
        // Recycle a copy of the parents' generation itself: every array is shared.
        var old = genomes
        var recycler = GenomeRecycler()
        recycler.refill(from: &old)
        let recycled = F.breed(config, genomes: genomes, species: &s2, generation: 1, state: &state2,
                                                              tracker: &t2, recycler: &recycler, rng: &rng2)
        #expect(recycled == fresh)
        #expect(s1 == s2 && state1 == state2 && t1 == t2)
        #expect(genomes == Self.grownGenomes(count: 30, config: config, seed: 3))
    }
}
