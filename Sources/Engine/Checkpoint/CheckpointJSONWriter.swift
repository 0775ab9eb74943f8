import Foundation

/// Writes a checkpoint's JSON by hand into a buffer of its own: Foundation's `JSONEncoder`
/// took 50–90 ms for the duel's 1 MB state (more than a generation), this about 1 ms.
///
/// The bulk (genomes, species) is written here byte by byte through a pointer, numbers
/// included (a double's shortest round-trip digits come from the standard library's
/// `Double.write(to:)`, the text `description` spells, with no `String` in between); the
/// small parts (config, tracker, generator, progress) go through `JSONEncoder` and are
/// spliced in. The output is what `JSONEncoder` would write with sorted keys (numbers may
/// be spelled differently: `578.0` for `578`), so `JSONDecoder` reads it through the same
/// `Codable` conformances.
///
/// The buffer is kept between checkpoints (`encode(_:)` starts it over): the writer thread
/// encodes every checkpoint of a run into the same memory instead of faulting in fresh
/// pages for each.
package struct CheckpointJSONWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes written so far.
    package private(set) var count = 0
    private let encoder: JSONEncoder

    package init(capacity: Int = 1 << 16) {
        self.capacity = max(64, capacity)
        base = .allocate(capacity: self.capacity)
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    }

    deinit { base.deallocate() }

    /// Encodes `c` alone into a new `Data` (a one-off; the writer thread reuses one writer).
    static func encode(_ c: Checkpoint) throws -> Data {
        var w = CheckpointJSONWriter()
        try w.encode(c)
        return w.withBytes { Data($0) }
    }

    /// Replaces the buffer's contents with `c`'s JSON.
    package mutating func encode(_ c: Checkpoint) throws {
        try encode(c, unless: { false })
    }

    /// Thrown by `encode(_:unless:)` when it gave up.
    struct Abandoned: Error {}

    /// `encode(_:)`, giving up (throwing `Abandoned`) when `abandon` says so; it is asked
    /// every 16 genomes.
    mutating func encode(_ c: Checkpoint, unless abandon: () -> Bool) throws {
        count = 0
        try checkpoint(c, unless: abandon)
    }

    /// The bytes written, valid inside `body` only.
    package func withBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// A copy of the bytes written (for tests).
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    // MARK: Bytes

    /// Makes room for `n` more bytes (doubling, so appends are amortised O(1)).
    @inline(__always) private mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    private mutating func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }

    @inline(__always) private mutating func byte(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    private mutating func append(_ raw: UnsafeRawBufferPointer) {
        guard raw.count > 0 else { return }
        reserve(raw.count)
        UnsafeMutableRawPointer(base + count).copyMemory(from: raw.baseAddress!, byteCount: raw.count)
        count += raw.count
    }

    /// Literal text (keys, punctuation): copied from the binary's constant bytes.
    @inline(__always) private mutating func lit(_ s: StaticString) {
        append(UnsafeRawBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// `,"k":` (or `"k":` for the first key of an object).
    private mutating func key(_ k: StaticString, first: Bool = false) {
        reserve(k.utf8CodeUnitCount + 4)
        if !first { base[count] = UInt8(ascii: ","); count += 1 }
        base[count] = UInt8(ascii: "\"")
        (base + count + 1).update(from: k.utf8Start, count: k.utf8CodeUnitCount)
        count += 1 + k.utf8CodeUnitCount
        base[count] = UInt8(ascii: "\"")
        base[count + 1] = UInt8(ascii: ":")
        count += 2
    }

    /// Text without characters JSON escapes (enum raw values).
    private mutating func plain(_ s: String) {
        var s = s
        s.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    // MARK: Numbers

    /// Decimal digits written straight into the buffer (no String per number).
    package mutating func int(_ v: Int) {
        reserve(20)
        if v < 0 { base[count] = UInt8(ascii: "-"); count += 1 }
        var m = v.magnitude
        var digits = 1
        var limit: UInt = 10
        // The magnitude of Int.min, the largest, has 19 digits: 10^19 still fits a UInt.
        while m >= limit && digits < 19 { digits += 1; limit &*= 10 }
        var i = count + digits - 1
        repeat {
            base[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: m % 10)
            m /= 10
            i -= 1
        } while m > 0
        count += digits
    }

    /// A finite double as `description` spells it (`Double.write(to:)` hands the same digits
    /// to the stream from a buffer on its stack); the non-finite as the strings "nan", "inf", "-inf".
    package mutating func double(_ v: Double) {
        guard v.isFinite else {
            if v.isNaN { lit("\"nan\"") } else if v > 0 { lit("\"inf\"") } else { lit("\"-inf\"") }
            return
        }
        reserve(DigitSink.room)
        var sink = DigitSink(start: base + count)
        v.write(to: &sink)
        count += sink.written
    }

    /// The stream `Double.write(to:)` writes into: a window of the buffer with room for the
    /// longest spelling of a double (24 bytes, `-2.2250738585072014e-308`), and more.
    private struct DigitSink: TextOutputStream {
        static let room = 48
        let start: UnsafeMutablePointer<UInt8>
        var written = 0

        init(start: UnsafeMutablePointer<UInt8>) { self.start = start }

        /// The standard library's path for ASCII it formatted itself.
        mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
            copy(UnsafeRawBufferPointer(buffer))
        }

        mutating func write(_ string: String) {
            var s = string
            s.withUTF8 { copy(UnsafeRawBufferPointer($0)) }
        }

        private mutating func copy(_ bytes: UnsafeRawBufferPointer) {
            precondition(written + bytes.count <= Self.room, "a double spelled with more than \(Self.room) bytes")
            UnsafeMutableRawPointer(start + written).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
            written += bytes.count
        }
    }

    private mutating func string(_ s: String) throws {
        // Task names and decimal seeds only, but escaped by the encoder all the same.
        let data: Data = try encoder.encode(s)
        data.withUnsafeBytes { append($0) }
    }

    private mutating func encoded<T: Encodable>(_ value: T) throws {
        try encoder.encode(value).withUnsafeBytes { append($0) }
    }

    private mutating func ints(_ xs: [Int]) {
        byte(UInt8(ascii: "["))
        for (i, x) in xs.enumerated() {
            if i > 0 { byte(UInt8(ascii: ",")) }
            int(x)
        }
        byte(UInt8(ascii: "]"))
    }

    // MARK: The document

    private mutating func checkpoint(_ c: Checkpoint, unless abandon: () -> Bool) throws {
        lit("{")
        if let d = c.duel { key("duel", first: true); try encoded(d); key("format_version") } else { key("format_version", first: true) }
        int(c.formatVersion)
        key("generation"); int(c.generation)
        key("population"); try population(c.population, unless: abandon)
        if let r = c.reference { key("reference"); try encoded(r) }
        key("run"); int(c.run)
        key("saved_at"); double(c.savedAt)
        key("seed"); try string(String(c.seed))
        key("task"); try string(c.task)
        lit("}")
    }

    private mutating func population(_ p: PopulationState, unless abandon: () -> Bool) throws {
        lit("{")
        if let b = p.bestEver { key("bestEver", first: true); genome(b); key("compatibilityThreshold") } else { key("compatibilityThreshold", first: true) }
        double(p.compatibilityThreshold)
        key("config"); try encoded(p.config)
        key("generation"); int(p.generation)
        key("genomes"); try genomes(p.genomes, unless: abandon)
        key("lastEvaluated"); try genomes(p.lastEvaluated, unless: abandon)
        key("nextSpeciesID"); int(p.nextSpeciesID)
        key("random"); try encoded(p.random)
        key("reproduction"); try encoded(p.reproduction)
        key("species"); lit("[")
        for (i, s) in p.species.enumerated() {
            if i > 0 { byte(UInt8(ascii: ",")) }
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

    private mutating func genomes(_ gs: [Genome], unless abandon: () -> Bool) throws {
        lit("[")
        for (i, g) in gs.enumerated() {
            if i & 15 == 0 && abandon() { throw Abandoned() }
            if i > 0 { byte(UInt8(ascii: ",")) }
            genome(g)
        }
        lit("]")
    }

    private mutating func genome(_ g: Genome) {
        lit("{\"connections\":[")
        for (i, c) in g.connections.enumerated() {
            if i > 0 { byte(UInt8(ascii: ",")) }
            if c.enabled { lit("{\"enabled\":true") } else { lit("{\"enabled\":false") }
            key("from"); int(c.from)
            key("innovation"); int(c.innovation)
            key("to"); int(c.to)
            key("weight"); double(c.weight)
            byte(UInt8(ascii: "}"))
        }
        byte(UInt8(ascii: "]"))
        if let f = g.fitness { key("fitness"); double(f) }
        key("id"); int(g.id)
        key("nodes"); byte(UInt8(ascii: "["))
        for (i, n) in g.nodes.enumerated() {
            if i > 0 { byte(UInt8(ascii: ",")) }
            lit("{\"activation\":\"")
            plain(n.activation.rawValue)
            lit("\",\"aggregation\":\"")
            plain(n.aggregation.rawValue)
            byte(UInt8(ascii: "\""))
            key("bias"); double(n.bias)
            key("id"); int(n.id)
            key("response"); double(n.response)
            byte(UInt8(ascii: "}"))
        }
        byte(UInt8(ascii: "]"))
        key("numInputs"); int(g.numInputs)
        key("numOutputs"); int(g.numOutputs)
        byte(UInt8(ascii: "}"))
    }
}
