import Foundation
import Testing
@testable import Engine

/// Checkpoints: every piece of state survives the JSON round trip, a restored
/// population continues exactly, and bad files are refused with their name and problem.
@Suite struct CheckpointTests {
    static func roundTrip<T: Codable>(_ value: T) throws -> T {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(T.self, from: encoder.encode(value))
    }

    /// A population a few generations in, with species, copies and a non-trivial tracker.
    static func evolved(_ config: NEATConfig, generations: Int, seed: UInt64 = 11) -> Population {
        var pop = Population(config: config, seed: seed)
        for _ in 0..<generations { pop.advance(fitnesses: fitnesses(pop.genomes, config: config)) }
        return pop
    }

    /// XOR fitnesses of `genomes` (the neat-python example's task for neat-python's 2-input config).
    static func fitnesses(_ genomes: [Genome], config: NEATConfig) -> [Double] {
        let task = config.semantics == .neatPython ? XORTask(fitness: .neatPythonExample) : XORTask()
        return ReferenceTaskRunner.evaluate(genomes, task: task, pool: WorkerPool(threads: 1), scratch: ScratchPool(workers: 1)).map(\.fitness)
    }

    static func neatPythonConfig() throws -> NEATConfig {
        try NEATConfig(contentsOfNeatPythonFile: "configs/neat-python-xor.ini")
    }

    static func checkpoint(generations: Int = 4) -> Checkpoint {
        let pop = evolved(.paper(for: XORTask()), generations: generations)
        let progress = ReferenceRunProgress(evaluations: 600, speciesTotal: 9, fitnessCurve: Array(repeating: 2.5, count: generations))
        return Checkpoint(task: "xor", run: 0, seed: 11, population: pop.state, savedAt: 1_700_000_000.25, reference: progress)
    }

    @Test func randomGeneratorContinuesTheSameStream() throws {
        var a = Xoshiro256(seed: 42)
        for _ in 0..<17 { _ = a.next() }
        var b = try Self.roundTrip(a)
        #expect(a == b)
        for _ in 0..<100 { #expect(a.next() == b.next()) }
        #expect(b.state != (0, 0, 0, 0))
    }

    @Test func randomGeneratorRefusesMalformedWords() {
        let bad = [#"["1","2","3"]"#, #"["0000000000000001","0000000000000002","0000000000000003","zz00000000000004"]"#]
        for text in bad {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(Xoshiro256.self, from: Data(text.utf8)) }
        }
    }

    @Test func trackerKeepsCountersAndThisGenerationsTables() throws {
        var t = InnovationTracker(nextInnovation: 10, nextNodeID: 5)
        let first = t.connectionInnovation(from: -1, to: 3)
        let split = t.split(innovation: 4, from: -2, to: 0)
        var restored = try Self.roundTrip(t)
        #expect(restored == t)
        #expect(restored.connectionInnovation(from: -1, to: 3) == first)
        #expect(restored.split(innovation: 4, from: -2, to: 0) == split)
        #expect(restored.connectionInnovation(from: 7, to: 8) == t.connectionInnovation(from: 7, to: 8))
    }

    @Test(arguments: [false, true])
    func populationStateRoundTrips(neatPython: Bool) throws {
        let config = neatPython ? try Self.neatPythonConfig() : .paper(for: XORTask())
        let state = Self.evolved(config, generations: 5).state
        #expect(!state.species.isEmpty && !state.lastEvaluated.isEmpty)
        let restored = try Self.roundTrip(state)
        #expect(restored == state)
        #expect(try Self.roundTrip(state.config) == state.config)
        #expect(try Self.roundTrip(state.reproduction) == state.reproduction)
        #expect(try Self.roundTrip(state.species) == state.species)
    }

    @Test func taskProgressRoundTrips() throws {
        var duel = DuelRunProgress(options: DuelTrainingOptions(), hallOfFame: Self.evolved(.paper(for: XORTask()), generations: 1).genomes)
        duel.options.referenceSeeds = [0, 1, UInt64.max, 0x9E37_79B9_7F4A_7C15]
        duel.options.schedule = .roundRobin
        duel.winRateCurve = [0.25, 0.5]; duel.fitnessCurve = [1, 2.75]; duel.speciesCurve = [3, 4]
        duel.champion = "abc"; duel.requests = UInt64.max - 1; duel.vectors = 7
        #expect(try Self.roundTrip(duel) == duel)
        var result = RunResult(run: 1, seed: UInt64.max, solved: true, generations: 3, evaluations: 400, hiddenNodes: 1, connections: 5,
                               bestFitness: 3.9, meanSpecies: 2.5, wallSeconds: 0.1)
        result.fitnessCurve = [1, 2, 3.9]
        let reference = ReferenceRunProgress(evaluations: 400, speciesTotal: 7, fitnessCurve: [1, 2, 3.9], result: result)
        #expect(try Self.roundTrip(reference) == reference)
    }

    @Test func checkpointFileRoundTrips() throws {
        var c = Self.checkpoint()
        c.seed = UInt64.max
        let read = try Checkpoint.decode(try c.encoded(), path: "x.json", task: "xor")
        #expect(read == c)
    }

    /// Restoring after a JSON round trip at any generation continues exactly as the
    /// original population: the same genomes, species and statistics, generation for generation.
    @Test(arguments: [false, true])
    func restoredPopulationContinuesExactly(neatPython: Bool) throws {
        let config = neatPython ? try Self.neatPythonConfig() : .paper(for: XORTask())
        var original = Population(config: config, seed: 3)
        var restored: Population? = nil
        for g in 0..<12 {
            if g == 4 {
                let c = Checkpoint(task: "xor", run: 0, seed: 3, population: original.state, savedAt: 0,
                                   reference: ReferenceRunProgress(fitnessCurve: Array(repeating: 0, count: 4)))
                restored = Population(restoring: try Checkpoint.decode(try c.encoded(), path: "c", task: "xor").population)
            }
            if let r = restored { #expect(r.genomes == original.genomes) }
            let a = original.advance(fitnesses: Self.fitnesses(original.genomes, config: config))
            if var r = restored {
                let b = r.advance(fitnesses: Self.fitnesses(r.genomes, config: config))
                #expect(a == b)
                #expect(r.state == original.state)
                restored = r
            }
        }
    }

    /// The hand-written JSON is the document Foundation's encoder writes: the same keys and
    /// values (numbers compared as numbers), read back to the same checkpoint.
    @Test(arguments: [0, 1, 6])
    func writerMatchesFoundationsEncoder(generations: Int) throws {
        var c = Self.checkpoint(generations: generations)
        if generations == 6 {
            c.task = "duel"
            c.reference = nil
            var duel = DuelRunProgress(options: DuelTrainingOptions(), hallOfFame: Array(c.population.genomes.prefix(2)))
            duel.fitnessCurve = Array(repeating: 1.5, count: 6); duel.winRateCurve = Array(repeating: 0.25, count: 6)
            duel.speciesCurve = Array(repeating: 2, count: 6)
            c.duel = duel
        }
        let fast = try c.encoded(), slow = try c.foundationEncoded()
        let a = try JSONSerialization.jsonObject(with: fast) as! NSDictionary
        let b = try JSONSerialization.jsonObject(with: slow) as! NSDictionary
        #expect(a == b)
        #expect(try Checkpoint.decode(fast, path: "fast") == Checkpoint.decode(slow, path: "slow"))
        #expect(try Checkpoint.decode(fast, path: "fast") == c)
    }

    /// Numbers are spelled as `description` spells them: the shortest digits that read back
    /// exactly, `nan`/`inf` as strings.
    @Test func numbersAreSpelledAsDescriptionSpellsThem() {
        var rng = SystemRandomNumberGenerator()
        var values: [Double] = [0, -0.0, 1, -1, 578, 0.1, 1e-5, 1e22, -1e-308, 5e-324, .greatestFiniteMagnitude,
                                -.greatestFiniteMagnitude, .leastNormalMagnitude, .pi, 123456789012345680]
        for _ in 0..<20000 { values.append(Double(bitPattern: rng.next() & ~(0x7FF << 52) | (UInt64.random(in: 0...0x7FE) << 52))) }
        // Every binade's edges (the shortest digits are hardest where the spacing changes), subnormals included.
        for e in Double.leastNonzeroMagnitude.exponent...Double.greatestFiniteMagnitude.exponent {
            let p = Double(sign: .plus, exponent: e, significand: 1)
            values += [p, p.nextUp, p.nextDown, -p]
        }
        for _ in 0..<2000 { values.append(Double.random(in: -30...30)) }
        for v in values {
            var w = CheckpointJSONWriter(capacity: 32)
            w.double(v)
            #expect(String(decoding: w.bytes, as: UTF8.self) == v.description, "\(v.bitPattern)")
        }
        var w = CheckpointJSONWriter(capacity: 32)
        w.double(.nan); w.double(.infinity); w.double(-.infinity)
        #expect(String(decoding: w.bytes, as: UTF8.self) == "\"nan\"\"inf\"\"-inf\"")
    }

    /// Integers are written digit by digit into the buffer: every length, both signs, the extremes.
    @Test func integersAreSpelledAsDescriptionSpellsThem() {
        var values = [0, 1, -1, 9, 10, -10, 99, 100, Int.max, Int.min, Int.max - 1, Int.min + 1]
        var p = 1
        for _ in 0..<18 { p *= 10; values += [p - 1, p, p + 1, -p, -(p - 1)] }
        for _ in 0..<2000 { values.append(Int.random(in: .min ... .max)) }
        for v in values {
            var w = CheckpointJSONWriter(capacity: 8)
            w.int(v)
            #expect(String(decoding: w.bytes, as: UTF8.self) == v.description)
        }
    }

    /// One writer encodes checkpoint after checkpoint into its buffer, growing it from a
    /// small start: each encoding is the whole document of its checkpoint and nothing else.
    @Test func aReusedWriterEncodesEachCheckpointWhole() throws {
        var w = CheckpointJSONWriter(capacity: 64)
        for generations in [6, 1, 3] {
            let c = Self.checkpoint(generations: generations)
            try w.encode(c)
            #expect(w.bytes == Array(try c.encoded()))
            #expect(try Checkpoint.decode(Data(w.bytes), path: "w.json") == c)
        }
    }

    @Test func refusesTruncatedFiles() throws {
        let data = try Self.checkpoint().encoded()
        for length in stride(from: 0, to: data.count, by: max(1, data.count / 97)) {
            #expect(throws: CheckpointError.self) { try Checkpoint.decode(data.prefix(length), path: "cut.json") }
        }
        let error = try #require(throws: CheckpointError.self) { try Checkpoint.decode(data.prefix(data.count - 1), path: "cut.json") }
        #expect(error.description.hasPrefix("cut.json: "))
        #expect(error.description.contains("truncated"))
    }

    @Test func refusesNewerAndUnknownVersions() throws {
        for (version, words) in [(2, "newer"), (0, "unknown")] {
            var json = try JSONSerialization.jsonObject(with: try Self.checkpoint().encoded()) as! [String: Any]
            json["format_version"] = version
            let data = try JSONSerialization.data(withJSONObject: json)
            let error = try #require(throws: CheckpointError.self) { try Checkpoint.decode(data, path: "v.json") }
            #expect(error.description.hasPrefix("v.json: format_version \(version)"))
            #expect(error.description.contains(words))
        }
    }

    @Test func refusesAnotherTasksCheckpoint() throws {
        let error = try #require(throws: CheckpointError.self) {
            try Checkpoint.decode(try Self.checkpoint().encoded(), path: "p.json", task: "pole")
        }
        #expect(error.description == "p.json: a checkpoint of the xor task, not of pole")
    }

    /// Files that parse but do not hold a consistent state are refused, naming the field.
    @Test func refusesInconsistentState() throws {
        let cases: [(String, (inout Checkpoint) -> Void)] = [
            ("species", { $0.population.species[0].members.append(10_000) }),
            ("all-zero", { $0.population.random = Xoshiro256(state: (0, 0, 0, 0)) }),
            ("nextNodeID", { $0.population.tracker = InnovationTracker(nextInnovation: 1_000, nextNodeID: 0) }),
            ("generation", { $0.generation += 1 }),
            ("fitnessCurve", { $0.reference?.fitnessCurve.removeLast() }),
            ("genomes[0]", { $0.population.genomes[0].connections.append(ConnectionGene(innovation: -5, from: 0, to: 0, weight: 1)) }),
            ("reference", { $0.reference = nil }),
        ]
        for (word, damage) in cases {
            var c = Self.checkpoint()
            damage(&c)
            let error = try #require(throws: CheckpointError.self) { try Checkpoint.decode(try c.encoded(), path: "bad.json") }
            #expect(error.description.hasPrefix("bad.json: inconsistent checkpoint: "), "\(word)")
            #expect(error.description.contains(word), "\(error.description) should name \(word)")
        }
    }

    @Test func refusesMistypedAndMissingFields() throws {
        var json = try JSONSerialization.jsonObject(with: try Self.checkpoint().encoded()) as! [String: Any]
        json["seed"] = "minus one"
        var error = try #require(throws: CheckpointError.self) {
            try Checkpoint.decode(try JSONSerialization.data(withJSONObject: json), path: "s.json")
        }
        #expect(error.description.contains("seed"))
        json.removeValue(forKey: "population")
        json["seed"] = "1"
        error = try #require(throws: CheckpointError.self) {
            try Checkpoint.decode(try JSONSerialization.data(withJSONObject: json), path: "s.json")
        }
        #expect(error.description.contains("missing field 'population'"))
    }

    @Test func mismatchNamesTheFlag() {
        let c = Self.checkpoint()
        var config = c.population.config
        #expect(c.mismatch(task: "xor", seed: 11, config: config) == nil)
        #expect(c.mismatch(task: "pole", seed: 11, config: config)?.contains("pole") == true)
        #expect(c.mismatch(task: "xor", seed: 12, config: config)?.contains("--seed") == true)
        config.populationSize = 99
        #expect(c.mismatch(task: "xor", seed: 11, config: config)?.contains("--population") == true)
        config = c.population.config
        config.nodeAddProb = 0.5
        #expect(c.mismatch(task: "xor", seed: 11, config: config)?.contains("nodeAddProb") == true)
    }
}
