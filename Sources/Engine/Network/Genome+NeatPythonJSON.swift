#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Genome {
    /// Imports a network in neat-python's JSON format (see `NeatPythonNetwork`).
    ///
    /// Every activation and aggregation keeps neat-python's meaning of its name,
    /// so the compiled network's outputs match neat-python's `activate`.
    /// Connections without an `innovation` field are numbered in file order.
    /// The genome's id and fitness come from `metadata.genome_id` / `metadata.fitness`.
    ///
    /// - Throws: `NeatPythonNetworkError` naming the field and the problem: not
    ///   JSON, a missing field, a wrong `format_version` or `network_type`, an
    ///   unknown or custom function name (the error lists the allowed ones), a
    ///   duplicate node, a connection to an unknown node or into an input, a
    ///   duplicate connection, a cycle.
    public init(neatPythonJSON data: Data) throws(NeatPythonNetworkError) {
        let doc: NeatPythonNetwork
        do {
            let decoder = JSONDecoder()
            decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
            doc = try decoder.decode(NeatPythonNetwork.self, from: data)
        } catch let error as DecodingError {
            throw Self.describe(error)
        } catch {
            throw NeatPythonNetworkError(field: "", message: "cannot be read: \(error)")
        }
        try self.init(neatPythonNetwork: doc)
    }

    /// Imports a network in neat-python's JSON format from a string.
    public init(neatPythonJSON text: String) throws(NeatPythonNetworkError) {
        try self.init(neatPythonJSON: Data(text.utf8))
    }

    /// Builds a genome from a decoded neat-python network document (see `init(neatPythonJSON:)`).
    public init(neatPythonNetwork doc: NeatPythonNetwork) throws(NeatPythonNetworkError) {
        typealias E = NeatPythonNetworkError
        guard doc.formatVersion == NeatPythonNetwork.formatVersion else {
            throw E(field: "format_version", message: "\"\(doc.formatVersion)\" is not supported; expected \"\(NeatPythonNetwork.formatVersion)\"")
        }
        guard doc.networkType == "feedforward" else {
            throw E(field: "network_type", message: "\"\(doc.networkType)\" cannot be imported; only \"feedforward\" networks can")
        }
        let t = doc.topology
        guard t.numInputs >= 1 else { throw E(field: "topology.num_inputs", message: "\(t.numInputs): expected at least 1") }
        guard t.numOutputs >= 1 else { throw E(field: "topology.num_outputs", message: "\(t.numOutputs): expected at least 1") }
        let expected = NeatPythonNetwork.Topology(numInputs: t.numInputs, numOutputs: t.numOutputs)
        guard t.inputKeys == expected.inputKeys else {
            throw E(field: "topology.input_keys", message: "\(t.inputKeys): expected \(expected.inputKeys) (neat-python numbers inputs -1, -2, …)")
        }
        guard t.outputKeys == expected.outputKeys else {
            throw E(field: "topology.output_keys", message: "\(t.outputKeys): expected \(expected.outputKeys) (neat-python numbers outputs 0, 1, …)")
        }

        var nodes = [NodeGene]()
        var seen = Set<Int>()
        for (i, n) in doc.nodes.enumerated() {
            let field = "nodes[\(i)]"
            guard seen.insert(n.id).inserted else { throw E(field: field + ".id", message: "node \(n.id) appears twice") }
            switch n.type {
            case .input:
                guard n.id < 0, -n.id <= t.numInputs else {
                    throw E(field: field + ".id", message: "input node \(n.id) is not one of topology.input_keys \(t.inputKeys)")
                }
                continue  // inputs are implicit in a genome
            case .output:
                guard n.id >= 0, n.id < t.numOutputs else {
                    throw E(field: field + ".id", message: "output node \(n.id) is not one of topology.output_keys \(t.outputKeys)")
                }
            case .hidden:
                guard n.id >= t.numOutputs else {
                    throw E(field: field + ".id", message: "hidden node \(n.id) clashes with an input or output id; hidden ids must be ≥ \(t.numOutputs)")
                }
            }
            let activation = try Self.function(n.activation, field: field + ".activation", Activation.init(name:),
                                                names: Activation.allCases.map(\.name), ours: [Activation.steepenedSigmoid.name])
            let aggregation = try Self.function(n.aggregation, field: field + ".aggregation", Aggregation.init(name:),
                                                 names: Aggregation.allCases.map(\.name), ours: [])
            guard n.bias.isFinite else { throw E(field: field + ".bias", message: "\(n.bias): expected a finite number") }
            guard n.response.isFinite else { throw E(field: field + ".response", message: "\(n.response): expected a finite number") }
            nodes.append(NodeGene(id: n.id, activation: activation, aggregation: aggregation, bias: n.bias, response: n.response))
        }
        for o in 0..<t.numOutputs where !seen.contains(o) {
            throw E(field: "nodes", message: "output node \(o) is missing")
        }

        let withInnovation = doc.connections.filter { $0.innovation != nil }.count
        guard withInnovation == 0 || withInnovation == doc.connections.count else {
            throw E(field: "connections", message: "\(withInnovation) of \(doc.connections.count) connections have an innovation; give it for all or for none")
        }
        let nodeIDs = Set(nodes.map(\.id))
        var pairs = [[Int]: Int]()
        var innovations = [Int: Int]()
        var connections = [ConnectionGene]()
        for (i, c) in doc.connections.enumerated() {
            let field = "connections[\(i)]"
            if c.from < 0 {
                guard -c.from <= t.numInputs else { throw E(field: field + ".from", message: "unknown node \(c.from) (inputs are \(t.inputKeys))") }
            } else if !nodeIDs.contains(c.from) {
                throw E(field: field + ".from", message: "unknown node \(c.from); no node in `nodes` has this id")
            }
            if c.to < 0 { throw E(field: field + ".to", message: "\(c.to) is an input; a connection cannot end at an input") }
            guard nodeIDs.contains(c.to) else { throw E(field: field + ".to", message: "unknown node \(c.to); no node in `nodes` has this id") }
            if let j = pairs.updateValue(i, forKey: [c.from, c.to]) {
                throw E(field: field, message: "duplicate connection \(c.from) → \(c.to) (also connections[\(j)])")
            }
            guard c.weight.isFinite else { throw E(field: field + ".weight", message: "\(c.weight): expected a finite number") }
            let innovation = c.innovation ?? i
            if c.innovation != nil, let j = innovations.updateValue(i, forKey: innovation) {
                throw E(field: field + ".innovation", message: "innovation \(innovation) is also used by connections[\(j)]")
            }
            connections.append(ConnectionGene(innovation: innovation, from: c.from, to: c.to, weight: c.weight, enabled: c.enabled))
        }
        self.init(id: doc.metadata.genomeID ?? 0, numInputs: t.numInputs, numOutputs: t.numOutputs,
                  nodes: nodes, connections: connections, fitness: doc.metadata.fitness)
        if let cycle = Self.findCycle(connections) {
            throw E(field: "connections", message: "the connections form a cycle \(cycle.map(String.init).joined(separator: " → ")); only feed-forward networks can be imported")
        }
    }

    /// This genome as a neat-python network document: every node (inputs last, as
    /// neat-python writes them), every connection in innovation order, disabled ones
    /// with `enabled: false`, each with its `innovation`.
    public func neatPythonNetwork() -> NeatPythonNetwork {
        let builtIn = { (name: String) in name != Activation.steepenedSigmoid.name }
        var docNodes = nodes.map { n in
            NeatPythonNetwork.Node(id: n.id, type: n.id < numOutputs ? .output : .hidden,
                                   activation: .init(name: n.activation.name, custom: !builtIn(n.activation.name)),
                                   aggregation: .init(name: n.aggregation.name), bias: n.bias, response: n.response)
        }
        for id in inputIDs {
            docNodes.append(.init(id: id, type: .input, activation: .init(name: "identity"), aggregation: .init(name: "none"),
                                  bias: 0, response: 1))
        }
        return NeatPythonNetwork(
            metadata: .init(fitness: fitness, genomeID: id),
            topology: .init(numInputs: numInputs, numOutputs: numOutputs),
            nodes: docNodes,
            connections: connections.map { .init(from: $0.from, to: $0.to, weight: $0.weight, enabled: $0.enabled, innovation: $0.innovation) })
    }

    /// This genome in neat-python's network JSON format (pretty-printed, keys sorted).
    ///
    /// `try Genome(neatPythonJSON: g.neatPythonJSON()) == g` for every valid genome.
    public func neatPythonJSON() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        // Encoding plain structs of numbers, strings and booleans with non-finite floats mapped cannot fail.
        let data = try! encoder.encode(neatPythonNetwork())
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: Helpers

    static func function<T>(_ f: NeatPythonNetwork.Function, field: String, _ parse: (String) -> T?, names: [String],
                            ours: [String]) throws(NeatPythonNetworkError) -> T {
        let builtIn = names.filter { !ours.contains($0) }
        let allowed = "allowed: " + builtIn.joined(separator: ", ") + (ours.isEmpty ? "" : " (and this engine's " + ours.joined(separator: ", ") + ")")
        if f.custom && !ours.contains(f.name) {
            throw NeatPythonNetworkError(field: field + ".custom", message: "\"\(f.name)\" is a custom neat-python function and cannot be imported; \(allowed)")
        }
        guard let v = parse(f.name) else {
            throw NeatPythonNetworkError(field: field + ".name", message: "unknown function \"\(f.name)\"; \(allowed)")
        }
        return v
    }

    /// A cycle among `connections` (enabled or not), as a list of node ids, or nil.
    static func findCycle(_ connections: [ConnectionGene]) -> [Int]? {
        var out = [Int: [Int]]()
        for c in connections { out[c.from, default: []].append(c.to) }
        for k in out.keys { out[k]!.sort() }
        var state = [Int: Int]()  // 1 = on the stack, 2 = done
        var path = [Int]()
        func visit(_ n: Int) -> [Int]? {
            state[n] = 1
            path.append(n)
            for m in out[n] ?? [] {
                if state[m] == 1 { return Array(path[path.lastIndex(of: m)!...]) + [m] }
                if state[m] == nil, let c = visit(m) { return c }
            }
            path.removeLast()
            state[n] = 2
            return nil
        }
        for n in out.keys.sorted() where state[n] == nil {
            if let c = visit(n) { return c }
        }
        return nil
    }

    static func describe(_ error: DecodingError) -> NeatPythonNetworkError {
        func path(_ keys: [any CodingKey]) -> String {
            var s = ""
            for k in keys {
                if let i = k.intValue { s += "[\(i)]" } else { s += s.isEmpty ? k.stringValue : "." + k.stringValue }
            }
            return s
        }
        switch error {
        case .keyNotFound(let key, let ctx):
            let p = path(ctx.codingPath)
            return NeatPythonNetworkError(field: p.isEmpty ? key.stringValue : p + "." + key.stringValue, message: "required field missing")
        case .typeMismatch(let type, let ctx):
            return NeatPythonNetworkError(field: path(ctx.codingPath), message: "wrong type; expected \(Self.typeName(type))")
        case .valueNotFound(let type, let ctx):
            return NeatPythonNetworkError(field: path(ctx.codingPath), message: "is null; expected \(Self.typeName(type))")
        case .dataCorrupted(let ctx):
            let p = path(ctx.codingPath)
            if p.isEmpty { return NeatPythonNetworkError(field: "", message: "not valid JSON (\(ctx.debugDescription))") }
            return NeatPythonNetworkError(field: p, message: ctx.debugDescription)
        @unknown default:
            return NeatPythonNetworkError(field: "", message: "\(error)")
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: return "a whole number"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        case is String.Type: return "a string"
        case is NeatPythonNetwork.Node.Kind.Type: return "\"input\", \"hidden\" or \"output\""
        default: return "\(type)"
        }
    }
}
