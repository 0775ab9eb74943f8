import Foundation

/// Writes a checkpoint's JSON by hand: Foundation's `JSONEncoder` took 50–90 ms for the
/// duel's 1 MB state (more than a generation), this takes a few. The bulk (genomes,
/// species) is written here; the small parts (config, tracker, generator, progress) go
/// through `JSONEncoder` and are spliced in. The output is what `JSONEncoder` would
/// write with sorted keys (numbers may be spelled differently: `578.0` for `578`), so
/// `JSONDecoder` reads it through the same `Codable` conformances.
struct CheckpointJSONWriter {
    private(set) var bytes: [UInt8] = []
    private let encoder: JSONEncoder

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    }

    static func encode(_ c: Checkpoint) throws -> Data {
        let genes = c.population.genomes.reduce(0) { $0 + $1.connections.count + $1.nodes.count }
        var w = CheckpointJSONWriter(capacity: 4096 + genes * 2 * 90)
        try w.checkpoint(c)
        return Data(w.bytes)
    }

    private mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }
    /// Literal text (keys, punctuation): copied from the binary's constant bytes.
    private mutating func lit(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }
    /// `,"k":` (or `"k":` for the first key of an object).
    private mutating func key(_ k: StaticString, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        lit(k)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }
    /// Digits written straight into the buffer (no String per number).
    private mutating func int(_ v: Int) {
        if v < 0 { bytes.append(UInt8(ascii: "-")) }
        var m = v.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[n] = UInt8(ascii: "0") + UInt8(m % 10)
                m /= 10
                n += 1
            } while m > 0
            for i in stride(from: n - 1, through: 0, by: -1) { bytes.append(d[i]) }
        }
    }
    mutating func double(_ v: Double) {
        if v.isFinite { raw(v.description) } else if v.isNaN { lit("\"nan\"") } else if v > 0 { lit("\"inf\"") } else { lit("\"-inf\"") }
    }
    private mutating func string(_ s: String) throws {
        // Task names and decimal seeds only, but escaped by the encoder all the same.
        let data: Data = try encoder.encode(s)
        bytes.append(contentsOf: data)
    }
    private mutating func encoded<T: Encodable>(_ value: T) throws { bytes.append(contentsOf: try encoder.encode(value)) }
    private mutating func ints(_ xs: [Int]) {
        bytes.append(UInt8(ascii: "["))
        for (i, x) in xs.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            int(x)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func checkpoint(_ c: Checkpoint) throws {
        lit("{")
        if let d = c.duel { key("duel", first: true); try encoded(d); key("format_version") } else { key("format_version", first: true) }
        int(c.formatVersion)
        key("generation"); int(c.generation)
        key("population"); try population(c.population)
        if let r = c.reference { key("reference"); try encoded(r) }
        key("run"); int(c.run)
        key("saved_at"); double(c.savedAt)
        key("seed"); try string(String(c.seed))
        key("task"); try string(c.task)
        lit("}")
    }

    private mutating func population(_ p: PopulationState) throws {
        lit("{")
        if let b = p.bestEver { key("bestEver", first: true); genome(b); key("compatibilityThreshold") } else { key("compatibilityThreshold", first: true) }
        double(p.compatibilityThreshold)
        key("config"); try encoded(p.config)
        key("generation"); int(p.generation)
        key("genomes"); genomes(p.genomes)
        key("lastEvaluated"); genomes(p.lastEvaluated)
        key("nextSpeciesID"); int(p.nextSpeciesID)
        key("random"); try encoded(p.random)
        key("reproduction"); try encoded(p.reproduction)
        key("species"); lit("[")
        for (i, s) in p.species.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            species(s)
        }
        lit("]")
        key("tracker"); try encoded(p.tracker)
        lit("}")
    }

    private mutating func species(_ s: Species) {
        lit("{")
        key("adjustedFitness", first: true); double(s.adjustedFitness)
        key("bestFitness"); double(s.bestFitness)
        key("created"); int(s.created)
        if let f = s.fitness { key("fitness"); double(f) }
        key("id"); int(s.id)
        key("lastImproved"); int(s.lastImproved)
        key("members"); ints(s.members)
        key("representative"); genome(s.representative)
        lit("}")
    }

    private mutating func genomes(_ gs: [Genome]) {
        lit("[")
        for (i, g) in gs.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            genome(g)
        }
        lit("]")
    }

    private mutating func genome(_ g: Genome) {
        lit("{\"connections\":[")
        for (i, c) in g.connections.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            lit("{\"enabled\":")
            if c.enabled { lit("true") } else { lit("false") }
            key("from"); int(c.from)
            key("innovation"); int(c.innovation)
            key("to"); int(c.to)
            key("weight"); double(c.weight)
            lit("}")
        }
        lit("]")
        if let f = g.fitness { key("fitness"); double(f) }
        key("id"); int(g.id)
        key("nodes"); lit("[")
        for (i, n) in g.nodes.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            lit("{\"activation\":\"")
            raw(n.activation.rawValue)
            lit("\",\"aggregation\":\"")
            raw(n.aggregation.rawValue)
            lit("\"")
            key("bias"); double(n.bias)
            key("id"); int(n.id)
            key("response"); double(n.response)
            lit("}")
        }
        lit("]")
        key("numInputs"); int(g.numInputs)
        key("numOutputs"); int(g.numOutputs)
        lit("}")
    }
}
