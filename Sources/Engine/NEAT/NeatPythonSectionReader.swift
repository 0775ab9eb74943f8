/// Reads typed values from one section of a neat-python configuration file,
/// with neat-python's parsing rules and errors that name the file, line,
/// section, key, value and what is allowed.
struct NeatPythonSectionReader {
    /// A key's text and where it came from (`line` is nil for a default).
    struct Field {
        var key: String
        var value: String
        var line: Int?
    }

    let path: String
    let section: INIFile.Section

    init(path: String, section: INIFile.Section) {
        self.path = path
        self.section = section
    }

    // MARK: Errors

    func error(_ kind: NEATConfigError.Kind, _ field: Field, _ message: String) -> NEATConfigError {
        NEATConfigError(kind, path: path, line: field.line, section: section.name, key: field.key,
                        value: field.line == nil ? nil : field.value, message: message)
    }

    func bad(_ field: Field, _ expected: String) -> NEATConfigError {
        var message = expected
        if field.value.contains(" #") || field.value.contains(" ;") {
            message += " (neat-python allows no comment after a value; put the comment on its own line)"
        }
        return error(.badValue, field, message)
    }

    func missing(_ key: String, _ expected: String) -> NEATConfigError {
        NEATConfigError(.missingKey, path: path, line: section.line, section: section.name, key: key,
                        message: "required key missing (neat-python has no default for it); add `\(key) = …` with \(expected)")
    }

    /// Throws for the first key that `known` does not contain, suggesting the nearest known key.
    func checkKnown(_ known: Set<String>) throws(NEATConfigError) {
        for e in section.entries where !known.contains(e.key) {
            let nearest = known.min { Self.editDistance($0, e.key) < Self.editDistance($1, e.key) }
            var message = "unknown key"
            if let nearest, Self.editDistance(nearest, e.key) <= max(2, e.key.count / 4) {
                message += "; did you mean `\(nearest)`?"
            }
            if known.count <= 8 {
                message += " [\(section.name)] has the keys " + known.sorted().joined(separator: ", ")
            } else {
                message += " (the keys of [\(section.name)] are listed in docs/neat-python.md)"
            }
            throw NEATConfigError(.unknownKey, path: path, line: e.line, section: section.name, key: e.key, message: message)
        }
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8), b = Array(b.utf8)
        var row = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var prev = row[0]
            row[0] = i
            for j in 1...max(1, b.count) where !b.isEmpty {
                let cur = row[j]
                row[j] = Swift.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1))
                prev = cur
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }

    // MARK: Raw fields

    func field(_ key: String) -> Field? {
        section.entry(key).map { Field(key: key, value: $0.value, line: $0.line) }
    }

    func field(_ key: String, expected: String) throws(NEATConfigError) -> Field {
        guard let f = field(key) else { throw missing(key, expected) }
        return f
    }

    func string(_ key: String) throws(NEATConfigError) -> Field {
        try field(key, expected: "a name")
    }

    func string(_ key: String, default value: String) -> Field {
        field(key) ?? Field(key: key, value: value, line: nil)
    }

    func optionalString(_ key: String) -> String? { field(key)?.value }

    // MARK: Numbers

    func parseInt(_ f: Field, min: Int, expected: String) throws(NEATConfigError) -> Int {
        guard let v = Int(f.value.replacingUnderscores()), v >= min else { throw bad(f, expected) }
        return v
    }

    func parseDouble(_ f: Field, in range: ClosedRange<Double>, expected: String) throws(NEATConfigError) -> Double {
        guard let v = Double(f.value.replacingUnderscores()), !v.isNaN, range.contains(v) else { throw bad(f, expected) }
        return v
    }

    static func intExpectation(_ min: Int) -> String {
        switch min {
        case 0: return "expected a whole number ≥ 0"
        case 1: return "expected a whole number ≥ 1"
        default: return "expected a whole number ≥ \(min)"
        }
    }

    func int(_ key: String, min: Int, default value: Int? = nil) throws(NEATConfigError) -> Int {
        let expected = Self.intExpectation(min)
        guard let f = field(key) else {
            if let value { return value }
            throw missing(key, "a whole number ≥ \(min)")
        }
        return try parseInt(f, min: min, expected: expected)
    }

    func optionalInt(_ key: String) throws(NEATConfigError) -> Int? {
        guard let f = field(key) else { return nil }
        return try parseInt(f, min: Int.min, expected: "expected a whole number")
    }

    func double(_ key: String, min: Double? = nil) throws(NEATConfigError) -> Double {
        let expected = min.map { "a number ≥ \(Self.format($0))" } ?? "a number"
        let f = try field(key, expected: expected)
        return try parseDouble(f, in: (min ?? -.infinity)...(.infinity), expected: "expected " + expected)
    }

    func optionalDouble(_ key: String) throws(NEATConfigError) -> Double? {
        guard let f = field(key) else { return nil }
        return try parseDouble(f, in: -.infinity...(.infinity), expected: "expected a number")
    }

    func probability(_ key: String, default value: Double? = nil) throws(NEATConfigError) -> Double {
        guard let f = field(key) else {
            if let value { return value }
            throw missing(key, "a number between 0 and 1")
        }
        return try parseDouble(f, in: 0...1, expected: "expected a number between 0 and 1")
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() && Swift.abs(v) < 1e15 ? String(Int(v)) : String(v)
    }

    // MARK: Booleans

    /// configparser's `getboolean` (used by neat-python for `[NEAT]`).
    func parserBool(_ key: String) throws(NEATConfigError) -> Bool {
        let f = try field(key, expected: "True or False")
        switch f.value.lowercased() {
        case "1", "yes", "true", "on": return true
        case "0", "no", "false", "off": return false
        default: throw bad(f, "expected True or False (or yes/no, on/off, 1/0)")
        }
    }

    /// neat-python's `ConfigParameter.interpret` for booleans: only `true` or `false`, any case.
    func bool(_ key: String, default value: Bool? = nil) throws(NEATConfigError) -> (value: Bool, field: Field?) {
        guard let f = field(key) else {
            if let value { return (value, nil) }
            throw missing(key, "True or False")
        }
        switch f.value.lowercased() {
        case "true": return (true, f)
        case "false": return (false, f)
        default: throw bad(f, "expected True or False (neat-python accepts only these two words here)")
        }
    }

    // MARK: neat-python specific values

    /// `structural_mutation_surer`: true/false words, or `default` (follow `single_structural_mutation`).
    func surer(default single: Bool) throws(NEATConfigError) -> Bool {
        let f = string("structural_mutation_surer", default: "default")
        switch f.value.lowercased() {
        case "1", "yes", "true", "on": return true
        case "0", "no", "false", "off": return false
        case "default": return single
        default: throw bad(f, "expected true, false or default")
        }
    }

    /// `initial_connection`, including neat-python's legacy names (`fs_neat`, `full`, `partial P`).
    func initialConnection() throws(NEATConfigError) -> NEATConfig.InitialConnection {
        let f = string("initial_connection", default: "unconnected")
        let allowed = "expected one of unconnected, fs_neat_nohidden, fs_neat_hidden, full_nodirect, full_direct, "
            + "partial_nodirect P, partial_direct P (P between 0 and 1), or the legacy fs_neat, full, partial P"
        let words = f.value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let name = words.first else { throw bad(f, allowed) }
        if name.contains("partial") {
            guard words.count == 2, let p = Double(words[1]), (0...1).contains(p) else {
                throw bad(f, "expected `\(name) P` with P, the fraction of connections, between 0 and 1")
            }
            switch name {
            case "partial_nodirect", "partial": return .partialNoDirect(p)
            case "partial_direct": return .partialDirect(p)
            default: throw bad(f, allowed)
            }
        }
        guard words.count == 1 else { throw bad(f, allowed) }
        switch name {
        case "unconnected": return .unconnected
        case "fs_neat_nohidden", "fs_neat": return .fsNEATNoHidden
        case "fs_neat_hidden": return .fsNEATHidden
        case "full_nodirect", "full": return .fullNoDirect
        case "full_direct": return .fullDirect
        default: throw bad(f, allowed)
        }
    }

    /// A space-separated list of function names (`activation_options`, `aggregation_options`).
    func options<T: Equatable>(_ key: String, _ parse: (String) -> T?, names: [String]) throws(NEATConfigError) -> [T] {
        let allowed = "expected one or more of " + names.joined(separator: " ")
        let f = try field(key, expected: "one or more of " + names.joined(separator: " "))
        var result = [T]()
        for word in f.value.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            guard let v = parse(String(word)) else {
                throw bad(f, "unknown function \"\(word)\"; " + allowed)
            }
            if !result.contains(v) { result.append(v) }
        }
        if result.isEmpty { throw bad(f, allowed) }
        return result
    }

    /// `activation_default` / `aggregation_default`: one of the options; `random`
    /// (neat-python's default when absent) only when there is a single option.
    func defaultChoice<T: Equatable>(_ key: String, options: [T], _ parse: (String) -> T?) throws(NEATConfigError) -> T {
        let f = string(key, default: "random")
        let optionsKey = String(key.dropLast("default".count)) + "options"
        if ["random", "none"].contains(f.value.lowercased()) {
            if options.count == 1 { return options[0] }
            throw error(.unsupported, f, "a random choice among several \(optionsKey) for each new node is not implemented; "
                        + "name one function from \(optionsKey)")
        }
        guard let v = parse(f.value), options.contains(v) else {
            throw bad(f, "expected one of the names listed in \(optionsKey) (or random)")
        }
        return v
    }

    /// A float gene attribute: `<name>_init_mean`, `_init_stdev`, `_init_type`, `_max_value`,
    /// `_min_value`, `_mutate_power`, `_mutate_rate`, `_replace_rate`.
    func attribute(_ name: String) throws(NEATConfigError) -> AttributeConfig {
        let initType = string(name + "_init_type", default: "gaussian")
        let type: AttributeConfig.InitType
        let lower = initType.value.lowercased()
        if lower.contains("gauss") { type = .gaussian }
        else if lower.contains("normal") { type = .normal }
        else if lower.contains("uniform") { type = .uniform }
        else { throw bad(initType, "expected gaussian, normal or uniform") }
        let minValue = try double(name + "_min_value")
        let maxValue = try double(name + "_max_value")
        if maxValue < minValue {
            throw bad(field(name + "_max_value")!, "must not be below \(name)_min_value = \(Self.format(minValue))")
        }
        return AttributeConfig(
            initMean: try double(name + "_init_mean"),
            initStdev: try double(name + "_init_stdev", min: 0),
            initType: type,
            maxValue: maxValue,
            minValue: minValue,
            mutatePower: try double(name + "_mutate_power", min: 0),
            mutateRate: try probability(name + "_mutate_rate"),
            replaceRate: try probability(name + "_replace_rate"))
    }

    /// `enabled_default`: neat-python's boolean words; `random`/`none` are not implemented.
    func enabledDefault() throws(NEATConfigError) -> Bool {
        let f = try field("enabled_default", expected: "True or False")
        switch f.value.lowercased() {
        case "1", "on", "yes", "true": return true
        case "0", "off", "no", "false": return false
        case "random", "none": throw error(.unsupported, f, "a random initial enabled state is not implemented; use True or False")
        default: throw bad(f, "expected True or False")
        }
    }
}

extension String {
    /// Python's numeric literals allow `_` between digits (`1_000`).
    func replacingUnderscores() -> String { contains("_") ? String(filter { $0 != "_" }) : self }
}
