extension Genome {
    /// This genome in neat-python's network JSON format (1.0) without whitespace:
    /// the same document as `neatPythonJSON()` (same keys, sorted, same values),
    /// written by hand into one byte array instead of through `JSONEncoder`.
    ///
    /// The population upload (`PUT /v1/population`) sends every genome of every
    /// generation this way. Numbers are written with `Double.description`, the
    /// shortest text that reads back as the same double; non-finite numbers as
    /// the strings `"Infinity"`, `"-Infinity"`, `"NaN"` (as `neatPythonJSON()` does).
    ///
    /// `try Genome(neatPythonJSON: g.neatPythonCompactJSON()) == g` for every valid genome.
    public func neatPythonCompactJSON() -> String {
        var out = [UInt8]()
        out.reserveCapacity(200 + connections.count * 90 + (nodes.count + numInputs) * 160)
        writeNeatPythonCompactJSON(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `neatPythonCompactJSON()`'s bytes to `out`.
    public func writeNeatPythonCompactJSON(into out: inout [UInt8]) {
        typealias W = CompactJSON
        W.raw("{\"connections\":[", &out)
        for (i, c) in connections.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            W.raw(c.enabled ? "{\"enabled\":true,\"from\":" : "{\"enabled\":false,\"from\":", &out)
            W.int(c.from, &out)
            W.raw(",\"innovation\":", &out)
            W.int(c.innovation, &out)
            W.raw(",\"to\":", &out)
            W.int(c.to, &out)
            W.raw(",\"weight\":", &out)
            W.double(c.weight, &out)
            out.append(UInt8(ascii: "}"))
        }
        W.raw("],\"format_version\":", &out)
        W.string(NeatPythonNetwork.formatVersion, &out)
        W.raw(",\"metadata\":{", &out)
        if let fitness {
            W.raw("\"fitness\":", &out)
            W.double(fitness, &out)
            out.append(UInt8(ascii: ","))
        }
        W.raw("\"genome_id\":", &out)
        W.int(id, &out)
        W.raw("},\"network_type\":\"feedforward\",\"nodes\":[", &out)
        var first = true
        for n in nodes {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            let custom = n.activation == .steepenedSigmoid
            W.raw(custom ? "{\"activation\":{\"custom\":true,\"name\":" : "{\"activation\":{\"custom\":false,\"name\":", &out)
            W.string(n.activation.name, &out)
            W.raw("},\"aggregation\":{\"custom\":false,\"name\":", &out)
            W.string(n.aggregation.name, &out)
            W.raw("},\"bias\":", &out)
            W.double(n.bias, &out)
            W.raw(",\"id\":", &out)
            W.int(n.id, &out)
            W.raw(",\"response\":", &out)
            W.double(n.response, &out)
            W.raw(n.id < numOutputs ? ",\"type\":\"output\"}" : ",\"type\":\"hidden\"}", &out)
        }
        for inputID in inputIDs {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            W.raw("{\"activation\":{\"custom\":false,\"name\":\"identity\"},\"aggregation\":{\"custom\":false,\"name\":\"none\"},\"bias\":0.0,\"id\":", &out)
            W.int(inputID, &out)
            W.raw(",\"response\":1.0,\"type\":\"input\"}", &out)
        }
        W.raw("],\"topology\":{\"input_keys\":[", &out)
        for i in 0..<numInputs {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            W.int(-1 - i, &out)
        }
        W.raw("],\"num_inputs\":", &out)
        W.int(numInputs, &out)
        W.raw(",\"num_outputs\":", &out)
        W.int(numOutputs, &out)
        W.raw(",\"output_keys\":[", &out)
        for o in 0..<numOutputs {
            if o > 0 { out.append(UInt8(ascii: ",")) }
            W.int(o, &out)
        }
        W.raw("]}}", &out)
    }
}

/// The little JSON writing helpers `writeNeatPythonCompactJSON` uses.
enum CompactJSON {
    @inline(__always)
    static func raw(_ s: StaticString, _ out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    static func int(_ value: Int, _ out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var v = value.magnitude
        // 20 digits hold any UInt64.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buf in
            var n = 0
            repeat {
                buf[23 - n] = UInt8(ascii: "0") &+ UInt8(v % 10)
                v /= 10
                n += 1
            } while v > 0
            out.append(contentsOf: buf[(24 - n)...])
        }
    }

    static func double(_ value: Double, _ out: inout [UInt8]) {
        guard value.isFinite else {
            raw(value.isNaN ? "\"NaN\"" : value < 0 ? "\"-Infinity\"" : "\"Infinity\"", &out)
            return
        }
        // Shortest text that reads back as exactly `value` (e.g. 0.1, 1e-05, 1.0).
        out.append(contentsOf: value.description.utf8)
    }

    static func string(_ s: String, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\"))
                out.append(b)
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                        hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default:
                out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
