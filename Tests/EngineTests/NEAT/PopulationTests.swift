import Testing
@testable import Engine

@Suite struct PopulationTests {
    typealias F = NEATFixture

    /// The paper's XOR fitness: (4 − Σ|output − target|)², inputs (bias, a, b).
    static func xorFitness(_ g: Genome) -> Double {
        let net = CompiledNetwork(g)
        var error = 0.0
        for (a, b) in [(0.0, 0.0), (0, 1), (1, 0), (1, 1)] {
            let out = net.activate([1, a, b])[0]
            error += abs(out - (a != b ? 1 : 0))
        }
        return (4 - error) * (4 - error)
    }

    static func config(_ semantics: NEATConfig.Semantics, population: Int = 60) -> NEATConfig {
        var c = semantics == .paper ? F.paper(inputs: 3, population: population) : F.neatPython(inputs: 3, population: population)
        if semantics == .neatPython {
            c.compatibilityThreshold = 2.0
            c.activationDefault = .sigmoid
            c.activationOptions = [.sigmoid]
        }
        return c
    }

    static func run(_ config: NEATConfig, seed: UInt64, generations: Int,
                    each: (inout Population, GenerationStats) -> Void = { _, _ in }) -> Population {
        var pop = Population(config: config, seed: seed)
        for _ in 0..<generations {
            let stats = pop.advance(fitnesses: pop.genomes.map(xorFitness))
            each(&pop, stats)
        }
        return pop
    }

    @Test(arguments: [NEATConfig.Semantics.paper, .neatPython])
    func sizeSpeciesAndValidityEveryGeneration(semantics: NEATConfig.Semantics) {
        let config = Self.config(semantics)
        var gen = 0
        var best = -Double.infinity
        var maxSpecies = 0
        // One innovation is one structure, forever: (from, to) per innovation number.
        var structure = [Int: [Int]]()
        var ids = Set<Int>()
        _ = Self.run(config, seed: 11, generations: 30) { pop, stats in
            gen += 1
            #expect(stats.generation == gen - 1)
            #expect(pop.generation == gen)
            #expect(pop.genomes.count == config.populationSize, "generation \(gen): \(pop.genomes.count) genomes")
            #expect(pop.genomes.allSatisfy { $0.fitness == nil })
            let members = pop.species.flatMap(\.members).sorted()
            #expect(members == Array(pop.genomes.indices))
            maxSpecies = max(maxSpecies, pop.species.count)
            for g in pop.genomes {
                if let problem = g.validate() { Issue.record("generation \(gen), genome \(g.id): \(problem)") }
                for c in g.connections {
                    if let s = structure[c.innovation], s != [c.from, c.to] {
                        Issue.record("innovation \(c.innovation) is \(s) and \([c.from, c.to])")
                    }
                    structure[c.innovation] = [c.from, c.to]
                }
            }
            // Genome ids are unique within a generation.
            #expect(Set(pop.genomes.map(\.id)).count == pop.genomes.count)
            ids.formUnion(pop.genomes.map(\.id))
            // The best genome ever is never worse than before.
            let b = pop.bestEver?.fitness ?? -.infinity
            #expect(b >= best)
            best = b
            #expect(stats.bestFitness == stats.champion.fitness)
        }
        #expect(gen == 30)
        #expect(maxSpecies > 1)
        #expect(structure.count > 3)  // evolution added structure
    }

    @Test(arguments: [NEATConfig.Semantics.paper, .neatPython])
    func sameSeedSameRun(semantics: NEATConfig.Semantics) {
        let config = Self.config(semantics)
        let a = Self.run(config, seed: 2024, generations: 20)
        let b = Self.run(config, seed: 2024, generations: 20)
        #expect(a.genomes == b.genomes)
        #expect(a.species == b.species)
        #expect(a.bestEver == b.bestEver)
        #expect(a.tracker == b.tracker)
        let c = Self.run(config, seed: 2025, generations: 20)
        #expect(a.genomes != c.genomes)
    }

    /// Paper: after a generation is evaluated, each surviving species is represented
    /// by its best genome of that generation (NEAT's reference implementation), not by
    /// the genome that founded it.
    @Test func paperRepresentativeIsTheSpeciesBest() {
        var pop = Population(config: Self.config(.paper), seed: 11)
        let fits = pop.genomes.indices.map { Double(($0 * 37) % 60) }
        var evaluated = pop.genomes
        for i in evaluated.indices { evaluated[i].fitness = fits[i] }
        var best = [Int: Genome]()
        for s in pop.species {
            let b = s.members.max { fits[$0] < fits[$1] }!
            #expect(s.representative.id != evaluated[b].id, "species \(s.id) was founded by its best genome: the test would not tell")
            best[s.id] = evaluated[b]
        }
        pop.advance(fitnesses: fits)
        let survivors = pop.species.filter { best[$0.id] != nil }
        #expect(!survivors.isEmpty)
        for s in survivors { #expect(s.representative == best[s.id]) }
    }
}
