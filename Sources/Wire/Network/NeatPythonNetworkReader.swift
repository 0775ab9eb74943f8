import Engine

/// A byte-level reader for neat-python network JSON (format 1.0), built on
/// `JSONScanner`, for uploads.
///
/// It reads the documents this engine and neat-python write straight into a
/// `NeatPythonNetwork`, with no Foundation objects in between. It gives up
/// (returns nil) on anything outside the plain shape — malformed JSON, a missing
/// or repeated field, a wrong type, a number that is not a finite double or not
/// a whole number that fits 64 bits, a non-finite number written as a string —
/// and the caller then decodes the bytes with `Genome(neatPythonJSON:)`, which
/// reads those too or names the problem. So the reader changes speed, never
/// results or error messages. What a document may contain (ids, counts) is
/// checked afterwards by `Genome(neatPythonNetwork:limits:)`.
///
/// Numbers read exactly as `Double(String)` reads them.
package enum NeatPythonNetworkReader {
    /// The document in `bytes`, or nil if the fast reader cannot read it.
    package static func read(_ bytes: [UInt8]) -> NeatPythonNetwork? {
        bytes.withUnsafeBytes { raw in read(raw) }
    }

    /// The document in `raw`, or nil if the fast reader cannot read it.
    package static func read(_ raw: UnsafeRawBufferPointer) -> NeatPythonNetwork? {
        var s = JSONScanner(raw)
        do throws(ServingError) {
            guard let doc = try document(&s) else { return nil }
            try s.expectEnd()
            return doc
        } catch {
            return nil
        }
    }

    /// nil to give up; malformed JSON throws (which `read` also turns into nil).
    private static func document(_ s: inout JSONScanner) throws(ServingError) -> NeatPythonNetwork? {
        var formatVersion: String?, networkType: String?
        var metadata: NeatPythonNetwork.Metadata?, topology: NeatPythonNetwork.Topology?
        var nodes: [NeatPythonNetwork.Node]?, connections: [NeatPythonNetwork.Connection]?
        guard try s.readFields({ s, key throws(ServingError) in
            switch key {
            case "format_version": return try once(&formatVersion, &s) { s throws(ServingError) in try readString(&s) }
            case "network_type": return try once(&networkType, &s) { s throws(ServingError) in try readString(&s) }
            case "metadata": return try once(&metadata, &s, readMetadata)
            case "topology": return try once(&topology, &s, readTopology)
            case "nodes": return try once(&nodes, &s) { s throws(ServingError) in try readList(&s, readNode) }
            case "connections": return try once(&connections, &s) { s throws(ServingError) in try readList(&s, readConnection) }
            default: try s.skipValue(); return true
            }
        }) else { return nil }
        guard let formatVersion, let networkType, let metadata, let topology, let nodes, let connections else { return nil }
        return NeatPythonNetwork(formatVersion: formatVersion, networkType: networkType, metadata: metadata,
                                 topology: topology, nodes: nodes, connections: connections)
    }

    /// Reads a field that may appear once into `slot`: false (give up) on a repeat or when `read` gives up.
    @inline(__always)
    private static func once<T>(_ slot: inout T?, _ s: inout JSONScanner,
                                _ read: (inout JSONScanner) throws(ServingError) -> T?) throws(ServingError) -> Bool {
        guard slot == nil, let v = try read(&s) else { return false }
        slot = v
        return true
    }

    /// Reads an array of `element`s; nil if any element gave up.
    private static func readList<T>(_ s: inout JSONScanner, _ element: (inout JSONScanner) throws(ServingError) -> T?) throws(ServingError) -> [T]? {
        var list = [T]()
        guard try s.readArray({ s throws(ServingError) in
            guard let e = try element(&s) else { return false }
            list.append(e)
            return true
        }) else { return nil }
        return list
    }

    private static func readMetadata(_ s: inout JSONScanner) throws(ServingError) -> NeatPythonNetwork.Metadata? {
        var m = NeatPythonNetwork.Metadata()
        var keys = Set<String>()  // once per document: cheap
        guard try s.readFields({ s, key throws(ServingError) in
            guard keys.insert(key.string).inserted else { return false }
            if s.skipNull() { return true }
            switch key {
            case "fitness": m.fitness = try readDouble(&s); return m.fitness != nil
            case "genome_id": m.genomeID = try readInt(&s); return m.genomeID != nil
            case "generation": m.generation = try readInt(&s); return m.generation != nil
            case "created_timestamp": m.createdTimestamp = try readString(&s); return m.createdTimestamp != nil
            case "neat_python_version": m.neatPythonVersion = try readString(&s); return m.neatPythonVersion != nil
            default: try s.skipValue(); return true
            }
        }) else { return nil }
        return m
    }

    private static func readTopology(_ s: inout JSONScanner) throws(ServingError) -> NeatPythonNetwork.Topology? {
        var numInputs: Int?, numOutputs: Int?, inputKeys: [Int]?, outputKeys: [Int]?
        guard try s.readFields({ s, key throws(ServingError) in
            switch key {
            case "num_inputs": return try once(&numInputs, &s, readInt)
            case "num_outputs": return try once(&numOutputs, &s, readInt)
            case "input_keys": return try once(&inputKeys, &s) { s throws(ServingError) in try readList(&s, readInt) }
            case "output_keys": return try once(&outputKeys, &s) { s throws(ServingError) in try readList(&s, readInt) }
            default: try s.skipValue(); return true
            }
        }) else { return nil }
        guard let numInputs, let numOutputs, let inputKeys, let outputKeys else { return nil }
        var t = NeatPythonNetwork.Topology(numInputs: 0, numOutputs: 0)
        t.numInputs = numInputs; t.numOutputs = numOutputs; t.inputKeys = inputKeys; t.outputKeys = outputKeys
        return t
    }

    private static func readNode(_ s: inout JSONScanner) throws(ServingError) -> NeatPythonNetwork.Node? {
        var id: Int?, type: NeatPythonNetwork.Node.Kind?, activation: NeatPythonNetwork.Function?
        var aggregation: NeatPythonNetwork.Function?, bias: Double?, response: Double?
        guard try s.readFields({ s, key throws(ServingError) in
            switch key {
            case "id": return try once(&id, &s, readInt)
            case "type": return try once(&type, &s) { s throws(ServingError) in try readString(&s).flatMap(NeatPythonNetwork.Node.Kind.init(rawValue:)) }
            case "activation": return try once(&activation, &s, readFunction)
            case "aggregation": return try once(&aggregation, &s, readFunction)
            case "bias": return try once(&bias, &s, readDouble)
            case "response": return try once(&response, &s, readDouble)
            default: try s.skipValue(); return true
            }
        }) else { return nil }
        guard let id, let type, let activation, let aggregation, let bias, let response else { return nil }
        return .init(id: id, type: type, activation: activation, aggregation: aggregation, bias: bias, response: response)
    }

    /// A function as `"name"` or `{"name": "...", "custom": false}`.
    private static func readFunction(_ s: inout JSONScanner) throws(ServingError) -> NeatPythonNetwork.Function? {
        if s.peek() == UInt8(ascii: "\"") { return .init(name: try s.readString()) }
        var name: String?, custom: Bool?
        guard try s.readFields({ s, key throws(ServingError) in
            switch key {
            case "name": return try once(&name, &s, readString)
            case "custom":
                if s.skipNull() { return true }
                return try once(&custom, &s) { s throws(ServingError) in s.readBool() }
            default: try s.skipValue(); return true
            }
        }) else { return nil }
        guard let name else { return nil }
        return .init(name: name, custom: custom ?? false)
    }

    private static func readConnection(_ s: inout JSONScanner) throws(ServingError) -> NeatPythonNetwork.Connection? {
        var from: Int?, to: Int?, weight: Double?, enabled: Bool?, innovation: Int?
        guard try s.readFields({ s, key throws(ServingError) in
            switch key {
            case "from": return try once(&from, &s, readInt)
            case "to": return try once(&to, &s, readInt)
            case "weight": return try once(&weight, &s, readDouble)
            case "enabled": return try once(&enabled, &s) { s throws(ServingError) in s.readBool() }
            case "innovation":
                if s.skipNull() { return true }
                return try once(&innovation, &s, readInt)
            default: try s.skipValue(); return true
            }
        }) else { return nil }
        guard let from, let to, let weight, let enabled else { return nil }
        return .init(from: from, to: to, weight: weight, enabled: enabled, innovation: innovation)
    }

    // MARK: Scalars

    /// A string; nil (nothing consumed) if the next value is not one.
    private static func readString(_ s: inout JSONScanner) throws(ServingError) -> String? {
        guard s.peek() == UInt8(ascii: "\"") else { return nil }
        return try s.readString()
    }

    /// A whole number written without fraction or exponent that fits an `Int`; nil otherwise.
    package static func readInt(_ s: inout JSONScanner) throws(ServingError) -> Int? {
        guard let first = s.peek() else { return nil }
        guard first == UInt8(ascii: "-") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) else { return nil }
        let start = s.index
        let d = try s.scanNumber()
        guard !d.truncated, d.exponent == 0, d.digits <= 18 else { return nil }
        for i in start..<s.index where s.bytes[i] == UInt8(ascii: ".") || (s.bytes[i] | 0x20) == UInt8(ascii: "e") { return nil }
        // At most 18 digits: below 10^18, so the magnitude and its negation fit an Int.
        let v = Int(d.mantissa)
        return d.negative ? -v : v
    }

    /// A JSON number as the double `Double(String)` gives for its text; nil if
    /// it is not a number or not finite.
    package static func readDouble(_ s: inout JSONScanner) throws(ServingError) -> Double? {
        guard let first = s.peek() else { return nil }
        guard first == UInt8(ascii: "-") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) else { return nil }
        let start = s.index
        let d = try s.scanNumber()
        if let v = fastDouble(d) { return v }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: s.bytes[start..<s.index]), as: UTF8.self)
        guard let v = Double(text), v.isFinite else { return nil }
        return v
    }

    /// Clinger's fast path: a mantissa below 2^53 and a power of ten up to 10^22
    /// are both exact doubles, so one multiplication or division rounds correctly.
    @inline(__always)
    package static func fastDouble(_ d: FloatParsing.Decimal) -> Double? {
        guard !d.truncated, d.mantissa <= 1 << 53, d.exponent >= -22, d.exponent <= 22 else { return nil }
        let m = Double(d.mantissa)
        let v = d.exponent >= 0 ? m * FloatParsing.powersOfTen[d.exponent] : m / FloatParsing.powersOfTen[-d.exponent]
        return d.negative ? -v : v
    }
}
