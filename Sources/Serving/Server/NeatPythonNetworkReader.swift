import Engine

/// A byte-level reader for neat-python network JSON (format 1.0), built on
/// `JSONScanner`, for the population upload.
///
/// It reads the documents this engine and neat-python write straight into a
/// `NeatPythonNetwork`, with no Foundation objects in between. It gives up
/// (returns nil) on anything outside the plain shape — malformed JSON, a missing
/// or repeated field, a wrong type, a number that is not a finite double, a
/// non-finite number written as a string — and the caller then decodes the bytes
/// with `Genome(neatPythonJSON:)`, which reads those too or names the problem.
/// So the reader changes speed, never results or error messages.
///
/// Numbers read exactly as `Double(String)` reads them.
enum NeatPythonNetworkReader {
    /// The document in `bytes`, or nil if the fast reader cannot read it.
    static func read(_ bytes: [UInt8]) -> NeatPythonNetwork? {
        bytes.withUnsafeBytes { raw -> NeatPythonNetwork? in
            var s = JSONScanner(raw)
            do throws(ServingError) {
                guard let doc = try document(&s) else { return nil }
                try s.expectEnd()
                return doc
            } catch {
                return nil
            }
        }
    }

    /// nil to give up; malformed JSON throws (which `read` also turns into nil).
    private static func document(_ s: inout JSONScanner) throws(ServingError) -> NeatPythonNetwork? {
        var formatVersion: String?, networkType: String?
        var metadata: NeatPythonNetwork.Metadata?, topology: NeatPythonNetwork.Topology?
        var nodes: [NeatPythonNetwork.Node]?, connections: [NeatPythonNetwork.Connection]?
        try s.expect(UInt8(ascii: "{"), "'{'")
        if s.peek() == UInt8(ascii: "}") { return nil }
        repeat {
            let key = try s.readString()
            try s.expect(UInt8(ascii: ":"), "':'")
            switch key {
            case "format_version": guard formatVersion == nil else { return nil }; formatVersion = try s.readString()
            case "network_type": guard networkType == nil else { return nil }; networkType = try s.readString()
            case "metadata": guard metadata == nil, let m = try readMetadata(&s) else { return nil }; metadata = m
            case "topology": guard topology == nil, let t = try readTopology(&s) else { return nil }; topology = t
            case "nodes":
                guard nodes == nil, let list = try readList(&s, readNode) else { return nil }
                nodes = list
            case "connections":
                guard connections == nil, let list = try readList(&s, readConnection) else { return nil }
                connections = list
            default: try s.skipValue()
            }
        } while try s.nextElement(close: UInt8(ascii: "}"), in: "an object")
        guard let formatVersion, let networkType, let metadata, let topology, let nodes, let connections else { return nil }
        return NeatPythonNetwork(formatVersion: formatVersion, networkType: networkType, metadata: metadata,
                                 topology: topology, nodes: nodes, connections: connections)
    }

    /// Reads an array of `element`s; nil if any element gave up.
    private static func readList<T>(_ s: inout JSONScanner, _ element: (inout JSONScanner) throws(ServingError) -> T?) throws(ServingError) -> [T]? {
        var list = [T]()
        guard try readArray(&s, { s throws(ServingError) in
            guard let e = try element(&s) else { return false }
            list.append(e)
            return true
        }) else { return nil }
        return list
    }

    /// Calls `element` for each element of an array; false if `element` gave up.
    private static func readArray(_ s: inout JSONScanner, _ element: (inout JSONScanner) throws(ServingError) -> Bool) throws(ServingError) -> Bool {
        try s.expect(UInt8(ascii: "["), "'['")
        if s.peek() == UInt8(ascii: "]") { s.index += 1; return true }
        repeat {
            guard try element(&s) else { return false }
        } while try s.nextElement(close: UInt8(ascii: "]"), in: "an array")
        return true
    }

    private static func readMetadata(_ s: inout JSONScanner) throws(ServingError) -> NeatPythonNetwork.Metadata? {
        var m = NeatPythonNetwork.Metadata()
        var keys = Set<String>()  // once per document: cheap
        try s.expect(UInt8(ascii: "{"), "'{'")
        if s.peek() == UInt8(ascii: "}") { s.index += 1; return m }
        repeat {
            let key = try s.readString()
            try s.expect(UInt8(ascii: ":"), "':'")
            guard keys.insert(key).inserted else { return nil }
            let isNull = s.skipNull()
            switch key {
            case "fitness": if !isNull { guard let v = try readDouble(&s) else { return nil }; m.fitness = v }
            case "genome_id": if !isNull { guard let v = try readInt(&s) else { return nil }; m.genomeID = v }
            case "generation": if !isNull { guard let v = try readInt(&s) else { return nil }; m.generation = v }
            case "created_timestamp": if !isNull { guard s.peek() == UInt8(ascii: "\"") else { return nil }; m.createdTimestamp = try s.readString() }
            case "neat_python_version": if !isNull { guard s.peek() == UInt8(ascii: "\"") else { return nil }; m.neatPythonVersion = try s.readString() }
            default: if !isNull { try s.skipValue() }
            }
        } while try s.nextElement(close: UInt8(ascii: "}"), in: "an object")
        return m
    }

    private static func readTopology(_ s: inout JSONScanner) throws(ServingError) -> NeatPythonNetwork.Topology? {
        var numInputs: Int?, numOutputs: Int?, inputKeys: [Int]?, outputKeys: [Int]?
        try s.expect(UInt8(ascii: "{"), "'{'")
        if s.peek() == UInt8(ascii: "}") { return nil }
        repeat {
            let key = try s.readString()
            try s.expect(UInt8(ascii: ":"), "':'")
            switch key {
            case "num_inputs": guard numInputs == nil, let v = try readInt(&s) else { return nil }; numInputs = v
            case "num_outputs": guard numOutputs == nil, let v = try readInt(&s) else { return nil }; numOutputs = v
            case "input_keys", "output_keys":
                guard (key == "input_keys" ? inputKeys : outputKeys) == nil else { return nil }
                var list = [Int]()
                guard try readArray(&s, { s throws(ServingError) in
                    guard let v = try readInt(&s) else { return false }
                    list.append(v)
                    return true
                }) else { return nil }
                if key == "input_keys" { inputKeys = list } else { outputKeys = list }
            default: try s.skipValue()
            }
        } while try s.nextElement(close: UInt8(ascii: "}"), in: "an object")
        guard let numInputs, let numOutputs, let inputKeys, let outputKeys else { return nil }
        var t = NeatPythonNetwork.Topology(numInputs: 0, numOutputs: 0)
        t.numInputs = numInputs; t.numOutputs = numOutputs; t.inputKeys = inputKeys; t.outputKeys = outputKeys
        return t
    }

    private static func readNode(_ s: inout JSONScanner) throws(ServingError) -> NeatPythonNetwork.Node? {
        var id: Int?, type: NeatPythonNetwork.Node.Kind?, activation: NeatPythonNetwork.Function?
        var aggregation: NeatPythonNetwork.Function?, bias: Double?, response: Double?
        try s.expect(UInt8(ascii: "{"), "'{'")
        if s.peek() == UInt8(ascii: "}") { return nil }
        repeat {
            let key = try s.readString()
            try s.expect(UInt8(ascii: ":"), "':'")
            switch key {
            case "id": guard id == nil, let v = try readInt(&s) else { return nil }; id = v
            case "type":
                guard type == nil, s.peek() == UInt8(ascii: "\""), let k = NeatPythonNetwork.Node.Kind(rawValue: try s.readString()) else { return nil }
                type = k
            case "activation": guard activation == nil, let f = try readFunction(&s) else { return nil }; activation = f
            case "aggregation": guard aggregation == nil, let f = try readFunction(&s) else { return nil }; aggregation = f
            case "bias": guard bias == nil, let v = try readDouble(&s) else { return nil }; bias = v
            case "response": guard response == nil, let v = try readDouble(&s) else { return nil }; response = v
            default: try s.skipValue()
            }
        } while try s.nextElement(close: UInt8(ascii: "}"), in: "an object")
        guard let id, let type, let activation, let aggregation, let bias, let response else { return nil }
        return .init(id: id, type: type, activation: activation, aggregation: aggregation, bias: bias, response: response)
    }

    /// A function as `"name"` or `{"name": "...", "custom": false}`.
    private static func readFunction(_ s: inout JSONScanner) throws(ServingError) -> NeatPythonNetwork.Function? {
        if s.peek() == UInt8(ascii: "\"") { return .init(name: try s.readString()) }
        var name: String?, custom: Bool?
        try s.expect(UInt8(ascii: "{"), "'{'")
        if s.peek() == UInt8(ascii: "}") { return nil }
        repeat {
            let key = try s.readString()
            try s.expect(UInt8(ascii: ":"), "':'")
            switch key {
            case "name": guard name == nil, s.peek() == UInt8(ascii: "\"") else { return nil }; name = try s.readString()
            case "custom":
                if s.skipNull() { break }
                guard let b = readBool(&s) else { return nil }
                custom = b
            default: try s.skipValue()
            }
        } while try s.nextElement(close: UInt8(ascii: "}"), in: "an object")
        guard let name else { return nil }
        return .init(name: name, custom: custom ?? false)
    }

    private static func readConnection(_ s: inout JSONScanner) throws(ServingError) -> NeatPythonNetwork.Connection? {
        var from: Int?, to: Int?, weight: Double?, enabled: Bool?, innovation: Int?
        try s.expect(UInt8(ascii: "{"), "'{'")
        if s.peek() == UInt8(ascii: "}") { return nil }
        repeat {
            let key = try s.readString()
            try s.expect(UInt8(ascii: ":"), "':'")
            switch key {
            case "from": guard from == nil, let v = try readInt(&s) else { return nil }; from = v
            case "to": guard to == nil, let v = try readInt(&s) else { return nil }; to = v
            case "weight": guard weight == nil, let v = try readDouble(&s) else { return nil }; weight = v
            case "enabled": guard enabled == nil, let b = readBool(&s) else { return nil }; enabled = b
            case "innovation":
                if s.skipNull() { break }
                guard let v = try readInt(&s) else { return nil }
                innovation = v
            default: try s.skipValue()
            }
        } while try s.nextElement(close: UInt8(ascii: "}"), in: "an object")
        guard let from, let to, let weight, let enabled else { return nil }
        return .init(from: from, to: to, weight: weight, enabled: enabled, innovation: innovation)
    }

    // MARK: Scalars

    private static func readBool(_ s: inout JSONScanner) -> Bool? {
        guard let b = s.peek() else { return nil }
        let literal: [UInt8] = b == UInt8(ascii: "t") ? [0x74, 0x72, 0x75, 0x65] : b == UInt8(ascii: "f") ? [0x66, 0x61, 0x6C, 0x73, 0x65] : []
        guard !literal.isEmpty, s.index + literal.count <= s.bytes.count else { return nil }
        for (k, c) in literal.enumerated() where s.bytes[s.index + k] != c { return nil }
        s.index += literal.count
        return b == UInt8(ascii: "t")
    }

    /// A whole number written without fraction or exponent that fits an `Int`; nil otherwise.
    static func readInt(_ s: inout JSONScanner) throws(ServingError) -> Int? {
        guard let first = s.peek() else { return nil }
        guard first == UInt8(ascii: "-") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) else { return nil }
        let start = s.index
        let d = try s.scanNumber()
        guard !d.truncated, d.exponent == 0, d.digits <= 18 else { return nil }
        for i in start..<s.index where s.bytes[i] == UInt8(ascii: ".") || (s.bytes[i] | 0x20) == UInt8(ascii: "e") { return nil }
        let v = Int(d.mantissa)
        return d.negative ? -v : v
    }

    /// A JSON number as the double `Double(String)` gives for its text; nil if
    /// it is not a number or not finite.
    static func readDouble(_ s: inout JSONScanner) throws(ServingError) -> Double? {
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
    static func fastDouble(_ d: FloatParsing.Decimal) -> Double? {
        guard !d.truncated, d.mantissa <= 1 << 53, d.exponent >= -22, d.exponent <= 22 else { return nil }
        let m = Double(d.mantissa)
        let v = d.exponent >= 0 ? m * FloatParsing.powersOfTen[d.exponent] : m / FloatParsing.powersOfTen[-d.exponent]
        return d.negative ? -v : v
    }
}
