#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension NEATConfig {
    /// The sections of a neat-python configuration file, in the order neat-python writes them.
    public static let neatPythonSections = ["NEAT", "DefaultGenome", "DefaultSpeciesSet", "DefaultStagnation", "DefaultReproduction"]

    /// Reads a neat-python configuration file.
    ///
    /// See `init(neatPythonINI:path:)`.
    public init(contentsOfNeatPythonFile path: String) throws(NEATConfigError) {
        guard let text = Self.readTextFile(path) else {
            throw NEATConfigError(.unreadable, path: path, message: "cannot read the file (does it exist, and is it readable UTF-8 text?)")
        }
        try self.init(neatPythonINI: text, path: path)
    }

    /// Reads neat-python's INI configuration format (neat-python 2.0's keys and rules).
    ///
    /// The five sections `[NEAT]`, `[DefaultGenome]`, `[DefaultSpeciesSet]`,
    /// `[DefaultStagnation]` and `[DefaultReproduction]` must all be present.
    /// Keys neat-python requires are required here; keys it defaults are
    /// defaulted the same way (`initial_connection = unconnected`,
    /// `single_structural_mutation` as True — what neat-python 2.0.0 does when the
    /// key is missing —, `structural_mutation_surer = default`, `*_init_type = gaussian`,
    /// `enabled_rate_to_*_add = 0`, `species_fitness_func = mean`,
    /// `max_stagnation = 15`, `species_elitism = 0`, `elitism = 0`,
    /// `survival_threshold = 0.2`, `min_species_size = 1`). Booleans follow
    /// neat-python: `[NEAT]` accepts `true/false/yes/no/on/off/1/0`, the other
    /// sections only `True`/`False` (any case). The result has
    /// `semantics = .neatPython`, c1 = c2 = `compatibility_disjoint_coefficient`,
    /// c3 = `compatibility_weight_coefficient`, and `weightMutationProbability = 1`
    /// (neat-python visits every weight); the paper-only knobs keep their defaults.
    ///
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - path: the file's name, used in error messages.
    /// - Throws: `NEATConfigError` naming the file, line, section, key, the value
    ///   and what is allowed, for a malformed line, a missing or unknown section
    ///   or key, a bad value, or a setting this engine does not implement
    ///   (`feed_forward = False`, `activation_default = random` with several options).
    public init(neatPythonINI text: String, path: String) throws(NEATConfigError) {
        let ini: INIFile
        do { ini = try INIFile(text: text, path: path) } catch {
            throw NEATConfigError(.malformed, path: path, line: error.line, message: error.message)
        }
        for s in ini.sections where !Self.neatPythonSections.contains(s.name) {
            throw NEATConfigError(.unknownSection, path: path, line: s.line, section: s.name,
                                  message: "unknown section; a neat-python file has the sections "
                                    + Self.neatPythonSections.map { "[\($0)]" }.joined(separator: ", "))
        }
        func reader(_ name: String) throws(NEATConfigError) -> NeatPythonSectionReader {
            guard let s = ini.section(name) else {
                throw NEATConfigError(.missingSection, path: path, section: name,
                                      message: "section missing; neat-python needs all of "
                                        + Self.neatPythonSections.map { "[\($0)]" }.joined(separator: ", ")
                                        + " (a section may be empty when all its keys have defaults)")
            }
            return NeatPythonSectionReader(path: path, section: s)
        }
        let neat = try reader("NEAT")
        let genome = try reader("DefaultGenome")
        let species = try reader("DefaultSpeciesSet")
        let stagnation = try reader("DefaultStagnation")
        let reproduction = try reader("DefaultReproduction")
        // Typos first: an unknown key usually explains a "missing" one.
        try neat.checkKnown(Self.neatKeys)
        try genome.checkKnown(Self.genomeKeys)
        try species.checkKnown(["compatibility_threshold"])
        try stagnation.checkKnown(["species_fitness_func", "max_stagnation", "species_elitism"])
        try reproduction.checkKnown(["elitism", "survival_threshold", "min_species_size"])

        var c = NEATConfig()
        c.semantics = .neatPython

        // [NEAT]
        c.populationSize = try neat.int("pop_size", min: 1)
        let noTermination = try neat.parserBool("no_fitness_termination")
        let criterion = try neat.string("fitness_criterion")
        if let fc = FitnessCriterion(rawValue: criterion.value) {
            c.fitnessCriterion = fc
        } else if !noTermination {
            // neat-python only checks the criterion when it is used.
            throw neat.bad(criterion, "expected one of max, min, mean")
        }
        c.fitnessThreshold = try neat.double("fitness_threshold")
        c.noFitnessTermination = noTermination
        c.resetOnExtinction = try neat.parserBool("reset_on_extinction")
        // `seed` is accepted (neat-python 2.0 has it) but the run's seed comes from the command line.
        _ = try neat.optionalInt("seed")

        // [DefaultGenome]
        c.numInputs = try genome.int("num_inputs", min: 1)
        c.numOutputs = try genome.int("num_outputs", min: 1)
        c.numHidden = try genome.int("num_hidden", min: 0)
        let ff = try genome.bool("feed_forward")
        if !ff.value {
            throw genome.error(.unsupported, ff.field!, "only feed-forward networks are supported; set feed_forward = True")
        }
        c.feedForward = true
        c.compatibilityDisjointCoefficient = try genome.double("compatibility_disjoint_coefficient", min: 0)
        c.compatibilityExcessCoefficient = c.compatibilityDisjointCoefficient
        c.compatibilityWeightCoefficient = try genome.double("compatibility_weight_coefficient", min: 0)
        c.connAddProb = try genome.probability("conn_add_prob")
        c.connDeleteProb = try genome.probability("conn_delete_prob")
        c.nodeAddProb = try genome.probability("node_add_prob")
        c.nodeDeleteProb = try genome.probability("node_delete_prob")
        // A missing `single_structural_mutation` acts as True in neat-python 2.0.0: its
        // default is the string 'false', which ConfigParameter.interpret returns unconverted
        // and which is truthy, so DefaultGenome.mutate makes exactly one structural mutation
        // and `structural_mutation_surer = default` follows it to true. Spelled out in the
        // file, True and False mean what they say.
        c.singleStructuralMutation = try genome.bool("single_structural_mutation", default: true).value
        c.structuralMutationSurer = try genome.surer(default: c.singleStructuralMutation)
        c.initialConnection = try genome.initialConnection()

        c.activationOptions = try genome.options("activation_options", Activation.init(name:), names: Activation.allCases.map(\.name))
        c.activationDefault = try genome.defaultChoice("activation_default", options: c.activationOptions, Activation.init(name:))
        c.activationMutateRate = try genome.probability("activation_mutate_rate")
        c.aggregationOptions = try genome.options("aggregation_options", Aggregation.init(name:), names: Aggregation.allCases.map(\.name))
        c.aggregationDefault = try genome.defaultChoice("aggregation_default", options: c.aggregationOptions, Aggregation.init(name:))
        c.aggregationMutateRate = try genome.probability("aggregation_mutate_rate")
        c.bias = try genome.attribute("bias")
        c.response = try genome.attribute("response")
        c.weight = try genome.attribute("weight")
        c.weightMutationProbability = 1
        // CTRNN's time constant: neat-python's DefaultGenome has the keys; feed-forward networks ignore them.
        for suffix in ["init_mean", "init_stdev", "replace_rate", "mutate_rate", "mutate_power", "max_value", "min_value"] {
            _ = try genome.optionalDouble("time_constant_" + suffix)
        }
        _ = genome.optionalString("time_constant_init_type")
        c.enabledDefault = try genome.enabledDefault()
        c.enabledMutateRate = try genome.probability("enabled_mutate_rate")
        c.enabledRateToTrueAdd = try genome.probability("enabled_rate_to_true_add", default: 0)
        c.enabledRateToFalseAdd = try genome.probability("enabled_rate_to_false_add", default: 0)

        // [DefaultSpeciesSet]
        c.compatibilityThreshold = try species.double("compatibility_threshold", min: 0)

        // [DefaultStagnation]
        let sff = stagnation.string("species_fitness_func", default: "mean")
        switch sff.value {
        case "max", "min", "mean", "median": c.speciesFitnessFunc = SpeciesFitness(rawValue: sff.value)!
        case "median2": throw stagnation.error(.unsupported, sff, "median2 is not implemented; use one of max, min, mean, median")
        default: throw stagnation.bad(sff, "expected one of max, min, mean, median")
        }
        c.maxStagnation = try stagnation.int("max_stagnation", min: 1, default: 15)
        c.speciesElitism = try stagnation.int("species_elitism", min: 0, default: 0)

        // [DefaultReproduction]
        c.elitism = try reproduction.int("elitism", min: 0, default: 0)
        c.survivalThreshold = try reproduction.probability("survival_threshold", default: 0.2)
        c.minSpeciesSize = try reproduction.int("min_species_size", min: 1, default: 1)

        self = c
    }

    static let neatKeys: Set<String> = ["fitness_criterion", "fitness_threshold", "no_fitness_termination", "pop_size",
                                        "reset_on_extinction", "seed"]

    static let genomeKeys: Set<String> = {
        var keys: Set<String> = [
            "num_inputs", "num_outputs", "num_hidden", "feed_forward",
            "compatibility_disjoint_coefficient", "compatibility_weight_coefficient",
            "conn_add_prob", "conn_delete_prob", "node_add_prob", "node_delete_prob",
            "single_structural_mutation", "structural_mutation_surer", "initial_connection",
            "activation_default", "activation_options", "activation_mutate_rate",
            "aggregation_default", "aggregation_options", "aggregation_mutate_rate",
            "enabled_default", "enabled_mutate_rate", "enabled_rate_to_true_add", "enabled_rate_to_false_add",
        ]
        for a in ["bias", "response", "weight", "time_constant"] {
            for s in ["init_mean", "init_stdev", "init_type", "replace_rate", "mutate_rate", "mutate_power", "max_value", "min_value"] {
                keys.insert(a + "_" + s)
            }
        }
        return keys
    }()

    /// Reads a whole file as UTF-8 text, or nil.
    static func readTextFile(_ path: String) -> String? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var bytes = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n > 0 { bytes.append(contentsOf: buffer[0..<n]) }
            if n < buffer.count { break }
        }
        if ferror(f) != 0 { return nil }
        return String(validating: bytes, as: UTF8.self)
    }
}
