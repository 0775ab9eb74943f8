import Engine
import Logging
import NIOCore
import Testing
@testable import Serving
import Wire

/// Uploads and requests built to crash the server or make it answer wrongly,
/// through the real neat-python decoder: each is refused with a clear 4xx JSON
/// error, nothing refused stays loaded, and a good model loaded before keeps
/// answering exactly.
@Suite("Hostile uploads")
struct HostileUploadTests {
    let server: InferenceServer
    let good = ServerTestSupport.hidden()

    init() throws {
        var limits = ServerLimits()
        limits.maxPopulation = 4
        limits.maxRows = 10
        limits.maxOutputValues = 12
        limits.maxIDBytes = 16
        limits.network.maxNodes.value = 30_000
        limits.network.maxConnections.value = 40_000
        server = InferenceServer(configuration: .init(port: 0, limits: limits),
                                 logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        server.registry.put(try ServedModel(id: "good", genome: good))
    }

    func call(_ method: String, _ uri: String, _ body: String) -> ServerResponse {
        ServerTestSupport.call(server.routes, method, uri, body: body)
    }

    /// A neat-python network document with the given fields written verbatim (so any number can be injected).
    static func doc(inputs: String = "2", outputs: String = "1", inputKeys: String = "[-1, -2]", outputKeys: String = "[0]",
                    nodes: [(id: String, type: String)] = [("0", "output")], connections: [(from: String, to: String, weight: String)]) -> String {
        let n = nodes.map { #"{"id": \#($0.id), "type": "\#($0.type)", "activation": "sigmoid", "aggregation": "sum", "bias": 0.0, "response": 1.0}"# }
        let c = connections.map { #"{"from": \#($0.from), "to": \#($0.to), "weight": \#($0.weight), "enabled": true}"# }
        return #"{"format_version": "1.0", "network_type": "feedforward", "metadata": {}, "#
            + #""topology": {"num_inputs": \#(inputs), "num_outputs": \#(outputs), "input_keys": \#(inputKeys), "output_keys": \#(outputKeys)}, "#
            + #""nodes": [\#(n.joined(separator: ", "))], "connections": [\#(c.joined(separator: ", "))]}"#
    }

    /// Uploads `body` as model `id`; expects `status` and an error naming `message`; then checks the aftermath.
    func expectRefused(_ body: String, id: String = "evil", status: Int, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = call("PUT", "/v1/models/\(id)", body)
        #expect(r.status.code == status, "\(String(buffer: r.body))", sourceLocation: sourceLocation)
        let text = ServerTestSupport.errorMessage(r.body)
        #expect(text?.contains(message) == true, "\(text ?? String(buffer: r.body))", sourceLocation: sourceLocation)
        #expect(server.registry.snapshot.models[id] == nil, "refused model '\(id)' is loaded", sourceLocation: sourceLocation)
        try expectGoodModelAnswers(sourceLocation: sourceLocation)
    }

    func expectGoodModelAnswers(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = call("POST", "/infer", #"{"model": "good", "inputs": [[0.5, -1], [2, 3]]}"#)
        #expect(r.status == .ok, sourceLocation: sourceLocation)
        let expected = [ServerTestSupport.reference(good, [0.5, -1]), ServerTestSupport.reference(good, [2, 3])]
        #expect(ServerTestSupport.matrix(r.body)?.map { $0.map(\.bitPattern) } == expected.map { $0.map(\.bitPattern) },
                sourceLocation: sourceLocation)
    }

    @Test func hugeInputCountIsRefusedBeforeAnythingIsBuilt() throws {
        try expectRefused(Self.doc(inputs: "100000000000000000", connections: []), status: 413,
                          "topology.num_inputs: 100000000000000000 is over the limit of 10000 inputs (raise it with --max-inputs)")
        try expectRefused(Self.doc(outputs: "100000000000000000", connections: []), status: 413, "--max-outputs")
    }

    @Test func extremeIdsAreRefusedNotWrapped() throws {
        let minInt = String(Int64.min)
        try expectRefused(Self.doc(connections: [(minInt, "0", "1.0"), ("-1", "0", "0.5")]), status: 400,
                          "connections[0].from: unknown node \(minInt)")
        try expectRefused(Self.doc(connections: [("-1", minInt, "1.0")]), status: 400, "connections[0].to: \(minInt) is an input")
        try expectRefused(Self.doc(nodes: [("0", "output"), ("4294967296", "hidden")], connections: [("-1", "4294967296", "1.0"), ("4294967296", "0", "1.0")]),
                          status: 400, "nodes[1].id: hidden node 4294967296 is beyond the largest node id 2147483647")
        try expectRefused(Self.doc(nodes: [("0", "output"), (minInt, "input")], connections: []), status: 400,
                          "nodes[1].id: input node \(minInt) is not one of topology.input_keys")
        try expectRefused(Self.doc(connections: [("99999999999999999999", "0", "1.0")]), status: 400, "connections[0].from")
    }

    @Test func loopsCyclesAndBadNumbersAreRefused() throws {
        try expectRefused(Self.doc(connections: [("0", "0", "1.0")]), status: 400, "connections[0]: connects node 0 to itself")
        try expectRefused(Self.doc(nodes: [("0", "output"), ("5", "hidden"), ("6", "hidden")],
                                   connections: [("5", "6", "1.0"), ("6", "5", "1.0"), ("5", "0", "1.0")]),
                          status: 400, "the connections form a cycle 5 → 6 → 5")
        try expectRefused(Self.doc(connections: [("-1", "0", "1e999")]), status: 400, "connections[0].weight")
        try expectRefused(Self.doc(inputKeys: "[-1, -3]", connections: []), status: 400, "topology.input_keys")
        try expectRefused(Self.doc(connections: [("-1", "0", "1.0"), ("-1", "0", "2.0")]), status: 400, "duplicate connection -1 → 0")
        try expectRefused(Self.doc(connections: [("-1", "7", "1.0")]), status: 400, "connections[0].to: unknown node 7")
    }

    @Test func countsOverTheLimitsAre413NamingTheFlag() throws {
        let nodes = [("0", "output")] + (0..<30_001).map { (String(1 + $0), "hidden") }
        try expectRefused(Self.doc(nodes: nodes, connections: []), status: 413, "--max-nodes")
        let many = (0..<40_001).map { _ in ("-1", "0", "1.0") }
        try expectRefused(Self.doc(connections: many), status: 413, "--max-connections")
        try expectRefused(Self.doc(connections: []), id: String(repeating: "x", count: 17), status: 413, "--max-id-bytes")
    }

    /// A chain as long as the node limit allows: no recursion anywhere, so no stack overflow.
    @Test func aLongChainIsAcceptedAndAnswersLikeTheCPU() throws {
        let length = 20_000
        let nodes = [("0", "output")] + (1...length).map { (String($0), "hidden") }
        var conns = [("-1", "1", "1.0")]
        for k in 1..<length { conns.append((String(k), String(k + 1), "1.0")) }
        conns.append((String(length), "0", "0.5"))
        let body = Self.doc(nodes: nodes, connections: conns)
        let r = call("PUT", "/v1/models/chain", body)
        #expect(r.status == .ok, "\(String(buffer: r.body))")
        let genome = try Genome(neatPythonJSON: body)
        let out = call("POST", "/infer", #"{"model": "chain", "inputs": [[0.25, 0]]}"#)
        #expect(ServerTestSupport.matrix(out.body) == [ServerTestSupport.reference(genome, [0.25, 0])])
    }

    @Test func aRefusedUploadUnloadsTheModelItWouldHaveReplaced() throws {
        let ok = call("PUT", "/v1/models/champion", Self.doc(connections: [("-1", "0", "0.5")]))
        #expect(ok.status == .ok)
        let refused = call("PUT", "/v1/models/champion", Self.doc(connections: [("0", "0", "1.0")]))
        #expect(refused.status == .badRequest)
        #expect(ServerTestSupport.errorMessage(refused.body)?.contains("the models it would have replaced are unloaded: 'champion'") == true)
        #expect(call("POST", "/infer", #"{"model": "champion", "inputs": [[1, 2]]}"#).status == .notFound)
        try expectGoodModelAnswers()
    }

    @Test func aRefusedPopulationLeavesNothingUnderItsIds() throws {
        let a = Self.doc(connections: [("-1", "0", "0.5")])
        #expect(call("PUT", "/v1/population", #"{"models": {"g0-0": \#(a), "g0-1": \#(a)}}"#).status == .ok)
        let bad = Self.doc(connections: [("-1", "0", "0.5"), ("0", "0", "1.0")])
        // g0-1 named again with a bad network: the whole upload is refused, g0-1 unloaded, g0-0 (not named) untouched.
        let r = call("PUT", "/v1/population", #"{"models": {"g1-0": \#(a), "g0-1": \#(bad)}}"#)
        #expect(r.status == .badRequest)
        let ids = server.registry.snapshot.models.keys.sorted()
        #expect(ids == ["g0-0", "good"], "\(ids)")
        let big = (0..<5).map { #""m\#($0)": \#(a)"# }.joined(separator: ", ")
        let over = call("PUT", "/v1/population", "{\"models\": {\(big)}}")
        #expect(over.status.code == 413 && ServerTestSupport.errorMessage(over.body)?.contains("--max-population") == true)
        #expect(server.registry.snapshot.models.keys.sorted() == ["g0-0", "good"])
        try expectGoodModelAnswers()
    }

    @Test func requestsOverTheRowAndOutputLimitsAre413() throws {
        let eleven = Array(repeating: "[1, 2]", count: 11).joined(separator: ", ")
        let rows = call("POST", "/infer", #"{"model": "good", "inputs": [\#(eleven)]}"#)
        #expect(rows.status.code == 413 && ServerTestSupport.errorMessage(rows.body)?.contains("--max-rows") == true)
        server.registry.put(try ServedModel(id: "two", genome: ServerTestSupport.dense(inputs: 2, outputs: 2)))
        let seven = Array(repeating: "[1, 2]", count: 7).joined(separator: ", ")
        let outputs = call("POST", "/infer", #"{"model": "two", "inputs": [\#(seven)]}"#)
        #expect(outputs.status.code == 413)
        #expect(ServerTestSupport.errorMessage(outputs.body)?.contains("14 output values (rows × outputs) is over the limit of 12") == true)
        #expect(ServerTestSupport.errorMessage(outputs.body)?.contains("--max-outputs-per-request") == true)
        try expectGoodModelAnswers()
    }
}
