import Foundation
import Testing
@testable import Engine

@Suite struct NEATConfigNeatPythonINITests {
    static let xorPath = URL(filePath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "configs/neat-python-xor.ini").path

    static func xorText() throws -> String { try String(contentsOfFile: xorPath, encoding: .utf8) }

    /// Parses the XOR file after `edit`, returning the error (nil when it parses).
    func error(_ edit: (String) -> String) throws -> NEATConfigError? {
        do {
            _ = try NEATConfig(neatPythonINI: edit(try Self.xorText()), path: "neat.ini")
            return nil
        } catch let e as NEATConfigError {
            return e
        }
    }

    func parse(_ edit: (String) -> String) throws -> NEATConfig {
        try NEATConfig(neatPythonINI: edit(try Self.xorText()), path: "neat.ini")
    }

    /// Replaces the line that sets `key` (the whole line) with `line`.
    static func set(_ key: String, _ line: String) -> (String) -> String {
        { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).map { l in
                l.hasPrefix(key + " ") || l.hasPrefix(key + "=") ? line : String(l)
            }.joined(separator: "\n")
        }
    }

    static func lineNumber(of key: String, in text: String) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix(key + " ") }! + 1
    }

    @Test func xorExampleParses() throws {
        let c = try NEATConfig(contentsOfNeatPythonFile: Self.xorPath)
        #expect(c.semantics == .neatPython)
        #expect(c.fitnessCriterion == .max && c.fitnessThreshold == 3.9 && c.populationSize == 150)
        #expect(c.resetOnExtinction == false && c.noFitnessTermination == false)
        #expect(c.numInputs == 2 && c.numOutputs == 1 && c.numHidden == 0 && c.feedForward)
        #expect(c.activationDefault == .sigmoid && c.activationOptions == [.sigmoid] && c.activationMutateRate == 0)
        #expect(c.aggregationDefault == .sum && c.aggregationOptions == [.sum] && c.aggregationMutateRate == 0)
        #expect(c.bias == AttributeConfig(initMean: 0, initStdev: 1, initType: .gaussian, maxValue: 30, minValue: -30,
                                          mutatePower: 0.5, mutateRate: 0.7, replaceRate: 0.1))
        #expect(c.response == AttributeConfig(initMean: 1, initStdev: 0, maxValue: 30, minValue: -30,
                                              mutatePower: 0, mutateRate: 0, replaceRate: 0))
        #expect(c.weight == AttributeConfig(initMean: 0, initStdev: 1, maxValue: 30, minValue: -30,
                                            mutatePower: 0.5, mutateRate: 0.8, replaceRate: 0.1))
        #expect(c.weightMutationProbability == 1)
        #expect(c.compatibilityDisjointCoefficient == 1 && c.compatibilityExcessCoefficient == 1)
        #expect(c.compatibilityWeightCoefficient == 0.5)
        #expect(c.connAddProb == 0.5 && c.connDeleteProb == 0.5 && c.nodeAddProb == 0.2 && c.nodeDeleteProb == 0.2)
        #expect(c.enabledDefault && c.enabledMutateRate == 0.01 && c.enabledRateToTrueAdd == 0 && c.enabledRateToFalseAdd == 0)
        #expect(c.initialConnection == .fullNoDirect)  // legacy `full`, as neat-python reads it
        // The file has no single_structural_mutation: neat-python 2.0.0 then makes one
        // structural mutation at a time and is "surer" (see structuralMutationDefaults).
        #expect(c.singleStructuralMutation == true && c.structuralMutationSurer == true)
        #expect(c.compatibilityThreshold == 3)
        #expect(c.speciesFitnessFunc == .max && c.maxStagnation == 20 && c.speciesElitism == 2)
        #expect(c.elitism == 2 && c.survivalThreshold == 0.2 && c.minSpeciesSize == 1)
        // Paper-only knobs keep their defaults.
        let paper = NEATConfig()
        #expect(c.mutateOnlyFraction == paper.mutateOnlyFraction && c.interspeciesMatingRate == paper.interspeciesMatingRate)
        #expect(c.smallGenomeThreshold == paper.smallGenomeThreshold)
    }

    @Test func badNumberMessage() throws {
        let text = try Self.xorText()
        let e = try error(Self.set("conn_add_prob", "conn_add_prob = abc"))
        #expect(e?.kind == .badValue)
        #expect(e?.description == "neat.ini:\(Self.lineNumber(of: "conn_add_prob", in: text)): [DefaultGenome] conn_add_prob = \"abc\": expected a number between 0 and 1")
    }

    @Test func probabilityOutOfRange() throws {
        let e = try error(Self.set("node_add_prob", "node_add_prob = 1.5"))
        #expect(e?.kind == .badValue && e?.key == "node_add_prob" && e?.value == "1.5")
        #expect(e?.message == "expected a number between 0 and 1")
        let e2 = try error(Self.set("weight_replace_rate", "weight_replace_rate = -0.1"))
        #expect(e2?.key == "weight_replace_rate")
    }

    @Test func unknownKeySuggestsTheNearest() throws {
        let e = try error { $0.replacingOccurrences(of: "conn_add_prob ", with: "con_add_prob ") }
        #expect(e?.kind == .unknownKey && e?.section == "DefaultGenome" && e?.key == "con_add_prob")
        #expect(e?.message.contains("did you mean `conn_add_prob`?") == true)
        #expect(e?.line != nil)
        let e2 = try error { $0.replacingOccurrences(of: "elitism            = 2", with: "elitism = 2\nbest_of = 3") }
        #expect(e2?.kind == .unknownKey && e2?.section == "DefaultReproduction")
        #expect(e2?.message.contains("elitism, min_species_size, survival_threshold") == true)
    }

    @Test func missingKey() throws {
        let e = try error(Self.set("weight_mutate_power", ""))
        #expect(e?.kind == .missingKey && e?.section == "DefaultGenome" && e?.key == "weight_mutate_power")
        #expect(e?.description.hasPrefix("neat.ini:") == true)
        #expect(e?.message.contains("add `weight_mutate_power = …` with a number ≥ 0") == true)
        let e2 = try error(Self.set("no_fitness_termination", ""))
        #expect(e2?.kind == .missingKey && e2?.section == "NEAT" && e2?.key == "no_fitness_termination")
    }

    @Test func optionalKeysTakeNeatPythonsDefaults() throws {
        let c = try parse { $0.replacingOccurrences(of: "species_fitness_func = max\nmax_stagnation       = 20\nspecies_elitism      = 2", with: "")
                               .replacingOccurrences(of: "elitism            = 2\nsurvival_threshold = 0.2", with: "")
                               .replacingOccurrences(of: "initial_connection      = full", with: "") }
        #expect(c.speciesFitnessFunc == .mean && c.maxStagnation == 15 && c.speciesElitism == 0)
        #expect(c.elitism == 0 && c.survivalThreshold == 0.2 && c.minSpeciesSize == 1)
        #expect(c.initialConnection == .unconnected)
    }

    @Test func unknownActivation() throws {
        let e = try error(Self.set("activation_options", "activation_options = sigmoid swish"))
        #expect(e?.kind == .badValue && e?.key == "activation_options")
        #expect(e?.message.contains("unknown function \"swish\"") == true)
        #expect(e?.message.contains("sigmoid tanh sin gauss relu") == true)
        let e2 = try error(Self.set("activation_default", "activation_default = tanh"))
        #expect(e2?.key == "activation_default")
        #expect(e2?.message.contains("activation_options") == true)
    }

    @Test func activationLists() throws {
        let c = try parse { Self.set("activation_options", "activation_options = sigmoid  tanh relu")(
                            Self.set("activation_default", "activation_default = relu")($0)) }
        #expect(c.activationOptions == [.sigmoid, .tanh, .relu] && c.activationDefault == .relu)
        // `random` (neat-python's default) is exact when there is one option, unsupported with several.
        let single = try parse(Self.set("activation_default", "activation_default = random"))
        #expect(single.activationDefault == .sigmoid)
        let e = try error { Self.set("activation_options", "activation_options = sigmoid tanh")(
                            Self.set("activation_default", "activation_default = random")($0)) }
        #expect(e?.kind == .unsupported && e?.key == "activation_default")
    }

    @Test func malformedLine() throws {
        let e = try error { $0.replacingOccurrences(of: "[DefaultSpeciesSet]\n", with: "[DefaultSpeciesSet]\ncompatibility threshold 3.0\n") }
        #expect(e?.kind == .malformed)
        #expect(e?.line != nil)
        #expect(e?.message.contains("expected `key = value`") == true)
        let e2 = try error { "pop_size = 3\n" + $0 }
        #expect(e2?.kind == .malformed && e2?.line == 1)
        #expect(e2?.message.contains("before any [Section]") == true)
        let e3 = try error { $0.replacingOccurrences(of: "[DefaultStagnation]", with: "[DefaultStagnation") }
        #expect(e3?.kind == .malformed)
    }

    @Test func duplicateKeyAndSection() throws {
        let e = try error { $0.replacingOccurrences(of: "pop_size               = 150", with: "pop_size = 150\npop_size = 20") }
        #expect(e?.kind == .malformed && e?.message.contains("given twice") == true)
        let e2 = try error { $0 + "\n[NEAT]\n" }
        #expect(e2?.kind == .malformed && e2?.message.contains("appears twice") == true)
    }

    @Test func missingAndUnknownSection() throws {
        let e = try error { $0.replacingOccurrences(of: "[DefaultSpeciesSet]\ncompatibility_threshold = 3.0", with: "") }
        #expect(e?.kind == .missingSection && e?.section == "DefaultSpeciesSet")
        #expect(e?.description == "neat.ini: [DefaultSpeciesSet]: section missing; neat-python needs all of [NEAT], [DefaultGenome], [DefaultSpeciesSet], [DefaultStagnation], [DefaultReproduction] (a section may be empty when all its keys have defaults)")
        let e2 = try error { $0.replacingOccurrences(of: "[DefaultStagnation]", with: "[DefaultStagnaton]") }
        #expect(e2?.kind == .unknownSection && e2?.section == "DefaultStagnaton")
    }

    @Test func feedForwardFalseRejected() throws {
        let e = try error(Self.set("feed_forward", "feed_forward = False"))
        #expect(e?.kind == .unsupported && e?.key == "feed_forward")
        #expect(e?.message.contains("only feed-forward") == true)
    }

    @Test func booleansFollowNeatPython() throws {
        // [NEAT] goes through configparser.getboolean.
        let c = try parse(Self.set("reset_on_extinction", "reset_on_extinction = yes"))
        #expect(c.resetOnExtinction)
        #expect(try parse(Self.set("reset_on_extinction", "reset_on_extinction = 0")).resetOnExtinction == false)
        // [DefaultGenome] booleans accept only true/false in any case.
        #expect(try parse(Self.set("feed_forward", "feed_forward = TRUE")).feedForward)
        let e = try error(Self.set("feed_forward", "feed_forward = 1"))
        #expect(e?.kind == .badValue && e?.message.contains("True or False") == true)
        // enabled_default uses neat-python's wider list; random is not implemented.
        #expect(try parse(Self.set("enabled_default", "enabled_default = off")).enabledDefault == false)
        #expect(try error(Self.set("enabled_default", "enabled_default = random"))?.kind == .unsupported)
    }

    @Test func initialConnectionValues() throws {
        func ic(_ v: String) throws -> NEATConfig.InitialConnection {
            try parse(Self.set("initial_connection", "initial_connection = " + v)).initialConnection
        }
        #expect(try ic("unconnected") == .unconnected)
        #expect(try ic("fs_neat") == .fsNEATNoHidden)
        #expect(try ic("fs_neat_nohidden") == .fsNEATNoHidden)
        #expect(try ic("fs_neat_hidden") == .fsNEATHidden)
        #expect(try ic("full") == .fullNoDirect)
        #expect(try ic("full_nodirect") == .fullNoDirect)
        #expect(try ic("full_direct") == .fullDirect)
        #expect(try ic("partial 0.5") == .partialNoDirect(0.5))
        #expect(try ic("partial_nodirect 0.25") == .partialNoDirect(0.25))
        #expect(try ic("partial_direct 1") == .partialDirect(1))
        let e = try error(Self.set("initial_connection", "initial_connection = partial_direct"))
        #expect(e?.kind == .badValue && e?.message.contains("between 0 and 1") == true)
        #expect(try error(Self.set("initial_connection", "initial_connection = partial_direct 1.5"))?.kind == .badValue)
        let e2 = try error(Self.set("initial_connection", "initial_connection = dense"))
        #expect(e2?.message.contains("full_direct") == true)
    }

    @Test func structuralMutationSurer() throws {
        let single = try parse { $0 + "\n" }  // default: follows single_structural_mutation (missing: True)
        #expect(single.structuralMutationSurer == true)
        let c = try parse { $0.replacingOccurrences(of: "num_hidden ", with: "single_structural_mutation = True\nnum_hidden ") }
        #expect(c.singleStructuralMutation && c.structuralMutationSurer)
        let f = try parse { $0.replacingOccurrences(of: "num_hidden ", with: "single_structural_mutation = False\nnum_hidden ") }
        #expect(!f.singleStructuralMutation && !f.structuralMutationSurer)
        let d = try parse { $0.replacingOccurrences(of: "num_hidden ", with: "single_structural_mutation = False\nstructural_mutation_surer = true\nnum_hidden ") }
        #expect(d.structuralMutationSurer && !d.singleStructuralMutation)
        let e = try parse { $0.replacingOccurrences(of: "num_hidden ", with: "structural_mutation_surer = false\nnum_hidden ") }
        #expect(!e.structuralMutationSurer && e.singleStructuralMutation)
        #expect(try error { $0.replacingOccurrences(of: "num_hidden ", with: "structural_mutation_surer = maybe\nnum_hidden ") }?.kind == .badValue)
    }

    /// neat-python 2.0.0 declares `ConfigParameter('single_structural_mutation', bool, 'false')`
    /// and returns a missing key's default unconverted: the string 'false', which is truthy.
    /// So a file without the key (its own XOR example) mutates one structure at a time, and
    /// `structural_mutation_surer = default` is true. (Measured with neat-python 2.0.0: over
    /// 20 000 mutations of a fresh XOR genome, exactly one of the four structural mutations
    /// ran each time, in proportions 0.2 : 0.2 : 0.5 : 0.5.)
    @Test func structuralMutationDefaults() throws {
        let missing = try parse { $0 }
        #expect(missing.singleStructuralMutation && missing.structuralMutationSurer)
    }

    @Test func otherValueChecks() throws {
        #expect(try error(Self.set("pop_size", "pop_size = 150.0"))?.message == "expected a whole number ≥ 1")
        #expect(try error(Self.set("fitness_criterion", "fitness_criterion = best"))?.message == "expected one of max, min, mean")
        #expect(try error(Self.set("species_fitness_func", "species_fitness_func = top"))?.key == "species_fitness_func")
        #expect(try error(Self.set("species_fitness_func", "species_fitness_func = median2"))?.kind == .unsupported)
        let minMax = try error(Self.set("bias_max_value", "bias_max_value = -40"))
        #expect(minMax?.key == "bias_max_value" && minMax?.message.contains("bias_min_value") == true)
        #expect(try error(Self.set("pop_size", "pop_size = 150 # big"))?.message.contains("comment") == true)
        #expect(try parse(Self.set("bias_init_mean", "bias_init_mean = 0.0\nbias_init_type = uniform")).bias.initType == .uniform)
        #expect(try error(Self.set("bias_init_mean", "bias_init_mean = 0.0\nbias_init_type = cauchy"))?.key == "bias_init_type")
        #expect(try parse { $0.replacingOccurrences(of: "pop_size               = 150", with: "Pop_Size: 1_000\nseed = 3") }.populationSize == 1000)
    }

    @Test func unreadableFile() {
        #expect(throws: NEATConfigError.self) { try NEATConfig(contentsOfNeatPythonFile: "/nonexistent/neat.ini") }
        do {
            _ = try NEATConfig(contentsOfNeatPythonFile: "/nonexistent/neat.ini")
        } catch {
            #expect(error.kind == .unreadable && error.description.hasPrefix("/nonexistent/neat.ini: "))
        }
    }
}
