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
    public init(neatPythonJSON data: Data, limits: NetworkLimits = .standard) throws(NeatPythonNetworkError) {
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
        try self.init(neatPythonNetwork: doc, limits: limits)
    }

    /// Imports a network in neat-python's JSON format from a string.
    public init(neatPythonJSON text: String, limits: NetworkLimits = .standard) throws(NeatPythonNetworkError) {
        try self.init(neatPythonJSON: Data(text.utf8), limits: limits)
    }

    /// Builds a genome from a decoded neat-python network document (see `init(neatPythonJSON:)`).
    ///
    /// Every count is checked against `limits` and every id against the 32-bit
    /// range before anything is built from it; no check negates or multiplies a
    /// value read from the document, so none can overflow.
    ///
    /// - Complexity: O(n log n + c log c) for n nodes and c connections.
    public init(neatPythonNetwork doc: NeatPythonNetwork, limits: NetworkLimits = .standard) throws(NeatPythonNetworkError) {
        typealias E = NeatPythonNetworkError
        guard doc.formatVersion == NeatPythonNetwork.formatVersion else {
            throw E(field: "format_version", message: "\"\(doc.formatVersion)\" is not supported; expected \"\(NeatPythonNetwork.formatVersion)\"")
        }
        guard doc.networkType == "feedforward" else {
            throw E(field: "network_type", message: "\"\(doc.networkType)\" cannot be imported; only \"feedforward\" networks can")
        }
        let t = doc.topology
        try Self.checkTopology(t, limits: limits)
        let evaluated = doc.nodes.lazy.filter { $0.type != .input }.count
        guard evaluated <= limits.maxNodes.value else {
            throw E.overLimit("nodes", evaluated, limits.maxNodes, "hidden and output nodes")
        }
        guard doc.connections.count <= limits.maxConnections.value else {
            throw E.overLimit("connections", doc.connections.count, limits.maxConnections, "connections")
        }
        let nodes = try Self.importNodes(doc.nodes, topology: t)
        let connections = try Self.importConnections(doc.connections, topology: t, nodes: nodes)
        self.init(id: doc.metadata.genomeID ?? 0, numInputs: t.numInputs, numOutputs: t.numOutputs,
                  nodes: nodes, connections: connections, fitness: doc.metadata.fitness)
        if let cycle = Self.findCycle(connections) {
            throw E(field: "connections", message: "the connections form a cycle \(cycle.map(String.init).joined(separator: " → ")); only feed-forward networks can be imported")
        }
    }

    /// Input and output counts within limits, and the keys neat-python numbers them with.
    static func checkTopology(_ t: NeatPythonNetwork.Topology, limits: NetworkLimits) throws(NeatPythonNetworkError) {
        typealias E = NeatPythonNetworkError
        guard t.numInputs >= 1 else { throw E(field: "topology.num_inputs", message: "\(t.numInputs): expected at least 1") }
        guard t.numOutputs >= 1 else { throw E(field: "topology.num_outputs", message: "\(t.numOutputs): expected at least 1") }
        guard t.numInputs <= limits.maxInputs.value else { throw E.overLimit("topology.num_inputs", t.numInputs, limits.maxInputs, "inputs") }
        guard t.numOutputs <= limits.maxOutputs.value else { throw E.overLimit("topology.num_outputs", t.numOutputs, limits.maxOutputs, "outputs") }
        // Compared key by key: the expected lists are never built for a count the document claims.
        if t.inputKeys.count != t.numInputs || t.inputKeys.enumerated().contains(where: { $0.element != -1 - $0.offset }) {
            throw E(field: "topology.input_keys", message: "\(Self.quote(t.inputKeys)): expected -1, -2, … -\(t.numInputs) (neat-python numbers inputs -1, -2, …)")
        }
        if t.outputKeys.count != t.numOutputs || t.outputKeys.enumerated().contains(where: { $0.element != $0.offset }) {
            throw E(field: "topology.output_keys", message: "\(Self.quote(t.outputKeys)): expected 0, 1, … \(t.numOutputs - 1) (neat-python numbers outputs 0, 1, …)")
        }
    }

    /// A list of keys for a message: the first few, and how many more.
    static func quote(_ keys: [Int]) -> String {
        keys.count <= 8 ? "\(keys)" : "[" + keys.prefix(8).map(String.init).joined(separator: ", ") + ", … (\(keys.count) keys)]"
    }

    /// The output and hidden nodes (inputs are implicit in a genome), each checked.
    static func importNodes(_ docNodes: [NeatPythonNetwork.Node], topology t: NeatPythonNetwork.Topology) throws(NeatPythonNetworkError) -> [NodeGene] {
        typealias E = NeatPythonNetworkError
        var nodes = [NodeGene]()
        nodes.reserveCapacity(docNodes.count)
        var seen = Set<Int>()
        for (i, n) in docNodes.enumerated() {
            let field = FieldPath(list: "nodes", index: i)
            guard seen.insert(n.id).inserted else { throw E(field: field + ".id", message: "node \(n.id) appears twice") }
            switch n.type {
            case .input:
                guard n.id < 0, n.id >= -t.numInputs else {
                    throw E(field: field + ".id", message: "input node \(n.id) is not one of topology.input_keys (-1 … -\(t.numInputs))")
                }
                continue
            case .output:
                guard n.id >= 0, n.id < t.numOutputs else {
                    throw E(field: field + ".id", message: "output node \(n.id) is not one of topology.output_keys (0 … \(t.numOutputs - 1))")
                }
            case .hidden:
                guard n.id >= t.numOutputs else {
                    throw E(field: field + ".id", message: "hidden node \(n.id) clashes with an input or output id; hidden ids must be ≥ \(t.numOutputs)")
                }
                guard n.id <= NetworkLimits.maxNodeID else {
                    throw E(field: field + ".id", message: "hidden node \(n.id) is beyond the largest node id \(NetworkLimits.maxNodeID)")
                }
            }
            nodes.append(try importNode(n, field: field))
        }
        for o in 0..<t.numOutputs where !seen.contains(o) {
            throw E(field: "nodes", message: "output node \(o) is missing")
        }
        return nodes
    }

    static func importNode(_ n: NeatPythonNetwork.Node, field: FieldPath) throws(NeatPythonNetworkError) -> NodeGene {
        typealias E = NeatPythonNetworkError
        let activation = try Self.function(n.activation, field: field + ".activation", Activation.init(name:),
                                            names: Activation.allCases.map(\.name), ours: [Activation.steepenedSigmoid.name])
        let aggregation = try Self.function(n.aggregation, field: field + ".aggregation", Aggregation.init(name:),
                                             names: Aggregation.allCases.map(\.name), ours: [])
        guard n.bias.isFinite else { throw E(field: field + ".bias", message: "\(n.bias): expected a finite number") }
        guard n.response.isFinite else { throw E(field: field + ".response", message: "\(n.response): expected a finite number") }
        return NodeGene(id: n.id, activation: activation, aggregation: aggregation, bias: n.bias, response: n.response)
    }

    /// The connections, each from an input or a known node to a known non-input
    /// node, no self loops, no duplicates, finite weights; innovations given for
    /// all or none.
    static func importConnections(_ docConnections: [NeatPythonNetwork.Connection], topology t: NeatPythonNetwork.Topology,
                                  nodes: [NodeGene]) throws(NeatPythonNetworkError) -> [ConnectionGene] {
        typealias E = NeatPythonNetworkError
        let withInnovation = docConnections.lazy.filter { $0.innovation != nil }.count
        guard withInnovation == 0 || withInnovation == docConnections.count else {
            throw E(field: "connections", message: "\(withInnovation) of \(docConnections.count) connections have an innovation; give it for all or for none")
        }
        let nodeIDs = Set(nodes.map(\.id))
        var pairs = [Int64: Int]()
        var innovations = [Int: Int]()
        var connections = [ConnectionGene]()
        connections.reserveCapacity(docConnections.count)
        for (i, c) in docConnections.enumerated() {
            let field = FieldPath(list: "connections", index: i)
            if c.from < 0 {
                guard c.from >= -t.numInputs else { throw E(field: field + ".from", message: "unknown node \(c.from) (inputs are -1 … -\(t.numInputs))") }
            } else if !nodeIDs.contains(c.from) {
                throw E(field: field + ".from", message: "unknown node \(c.from); no node in `nodes` has this id")
            }
            if c.to < 0 { throw E(field: field + ".to", message: "\(c.to) is an input; a connection cannot end at an input") }
            guard nodeIDs.contains(c.to) else { throw E(field: field + ".to", message: "unknown node \(c.to); no node in `nodes` has this id") }
            guard c.from != c.to else { throw E(field: field + "", message: "connects node \(c.to) to itself; only feed-forward networks can be imported") }
            // Both ends are known ids, so within Int32's range: the pair packs into 64 bits.
            if let j = pairs.updateValue(i, forKey: Int64(c.from) << 32 | Int64(UInt32(truncatingIfNeeded: c.to))) {
                throw E(field: field + "", message: "duplicate connection \(c.from) → \(c.to) (also connections[\(j)])")
            }
            guard c.weight.isFinite else { throw E(field: field + ".weight", message: "\(c.weight): expected a finite number") }
            let innovation = c.innovation ?? i
            guard innovation >= 0, innovation <= NetworkLimits.maxInnovation else {
                throw E(field: field + ".innovation", message: "\(innovation) is outside 0 … \(NetworkLimits.maxInnovation)")
            }
            if c.innovation != nil, let j = innovations.updateValue(i, forKey: innovation) {
                throw E(field: field + ".innovation", message: "innovation \(innovation) is also used by connections[\(j)]")
            }
            connections.append(ConnectionGene(innovation: innovation, from: c.from, to: c.to, weight: c.weight, enabled: c.enabled))
        }
        return connections
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

    /// The function `f` names. The field's path and the list of allowed names are
    /// made into text only for an error: this runs twice for every node of every upload.
    static func function<T>(_ f: NeatPythonNetwork.Function, field: @autoclosure () -> String, _ parse: (String) -> T?,
                            names: @autoclosure () -> [String], ours: [String]) throws(NeatPythonNetworkError) -> T {
        func allowed() -> String {
            let builtIn = names().filter { !ours.contains($0) }
            return "allowed: " + builtIn.joined(separator: ", ") + (ours.isEmpty ? "" : " (and this engine's " + ours.joined(separator: ", ") + ")")
        }
        if f.custom && !ours.contains(f.name) {
            throw NeatPythonNetworkError(field: field() + ".custom", message: "\"\(f.name)\" is a custom neat-python function and cannot be imported; \(allowed())")
        }
        guard let v = parse(f.name) else {
            throw NeatPythonNetworkError(field: field() + ".name", message: "unknown function \"\(f.name)\"; \(allowed())")
        }
        return v
    }

    /// A path into the document such as `connections[12]`, made into text (`path + ".weight"`)
    /// only when an error names it: building it for every node and connection was an eighth
    /// of an upload's decoding.
    struct FieldPath {
        let list: StaticString
        let index: Int

        static func + (path: FieldPath, suffix: String) -> String { "\(path.list)[\(path.index)]\(suffix)" }
    }

    /// A cycle among `connections` (enabled or not), as a list of node ids, or nil.
    ///
    /// Depth first, lowest ids first, with an explicit stack: a chain as long as
    /// the limits allow cannot overflow the thread's stack.
    static func findCycle(_ connections: [ConnectionGene]) -> [Int]? {
        guard hasCycle(connections) else { return nil }
        var out = [Int: [Int]]()
        for c in connections { out[c.from, default: []].append(c.to) }
        for k in out.keys { out[k]!.sort() }
        var state = [Int: UInt8]()  // 1 = on the path, 2 = done
        var path = [Int]()
        var cursor = [Int]()  // next out-edge to follow, per node on the path
        for root in out.keys.sorted() where state[root] == nil {
            state[root] = 1
            path.append(root)
            cursor.append(0)
            while let n = path.last {
                let edges = out[n] ?? []
                let e = cursor[cursor.count - 1]
                guard e < edges.count else {
                    state[n] = 2
                    path.removeLast()
                    cursor.removeLast()
                    continue
                }
                cursor[cursor.count - 1] = e + 1
                let m = edges[e]
                if state[m] == 1 { return Array(path[path.lastIndex(of: m)!...]) + [m] }
                if state[m] == nil {
                    state[m] = 1
                    path.append(m)
                    cursor.append(0)
                }
            }
        }
        return nil
    }

    /// Whether `connections` hold a cycle: the quick answer that spares most networks
    /// `findCycle`'s search (a tenth of an upload's decoding). An input has no incoming
    /// connection, so it is on no cycle: only connections between output and hidden
    /// nodes are kept, numbered densely, and peeled by Kahn's algorithm; a node left
    /// over is on or behind a cycle.
    static func hasCycle(_ connections: [ConnectionGene]) -> Bool {
        var number = [Int: Int32]()
        var edges = [(from: Int32, to: Int32)]()
        func dense(_ id: Int) -> Int32 {
            if let k = number[id] { return k }
            let k = Int32(number.count)
            number[id] = k
            return k
        }
        for c in connections {
            if c.to < 0 { return true }  // not a network init(neatPythonNetwork:) accepts: let findCycle decide
            if c.from >= 0 { edges.append((dense(c.from), dense(c.to))) }
        }
        if edges.isEmpty { return false }
        let n = number.count
        var indegree = [Int32](repeating: 0, count: n)
        var start = [Int32](repeating: 0, count: n + 1)
        for e in edges {
            indegree[Int(e.to)] += 1
            start[Int(e.from) + 1] += 1
        }
        for k in 0..<n { start[k + 1] += start[k] }
        var targets = [Int32](repeating: 0, count: edges.count)
        var fill = start
        for e in edges {
            targets[Int(fill[Int(e.from)])] = e.to
            fill[Int(e.from)] += 1
        }
        var ready = (0..<Int32(n)).filter { indegree[Int($0)] == 0 }
        var peeled = 0
        while let k = ready.popLast() {
            peeled += 1
            for t in targets[Int(start[Int(k)])..<Int(start[Int(k) + 1])] {
                indegree[Int(t)] -= 1
                if indegree[Int(t)] == 0 { ready.append(t) }
            }
        }
        return peeled < n
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
