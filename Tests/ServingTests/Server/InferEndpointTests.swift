import Engine
import NIOCore
import Testing
@testable import Serving
import Wire

@Suite("InferEndpoint")
struct InferEndpointTests {
    let registry = ModelRegistry()
    var endpoint: InferEndpoint { InferEndpoint(registry: registry) }

    init() throws {
        registry.put(try ServedModel(id: "wide", genome: ServerTestSupport.dense(inputs: 100, outputs: 3)))
        registry.put(try ServedModel(id: "h", genome: ServerTestSupport.hidden()))
    }

    func infer(_ body: String) -> Result<[[Float]], ServingError> {
        do {
            let (out, _, _) = try endpoint.respond(to: ByteBuffer(string: body))
            guard let m = ServerTestSupport.matrix(out) else { return .failure(ServingError(.internalServerError, "not a matrix: \(String(buffer: out))")) }
            return .success(m)
        } catch {
            return .failure(error)
        }
    }

    func error(_ body: String) throws -> ServingError {
        try #require(infer(body).failure, "expected an error for \(body)")
    }

    /// `serve --add-compute-latency`: every evaluation spends the added time, reported as compute.
    @Test func addedComputeLatencyShowsAsComputeTime() throws {
        let slow = InferEndpoint(registry: registry, addedCompute: .milliseconds(5))
        let started = ContinuousClock.now
        let (_, rows, timing) = try slow.respond(to: ByteBuffer(string: #"{"inputs": [[0.5, -1]]}"#))
        #expect(rows == 1)
        #expect(timing.compute >= .milliseconds(5))
        #expect(started.duration(to: .now) >= .milliseconds(5))
    }

    @Test func defaultModelIsTheLastUploaded() throws {
        let out = try infer(#"{"inputs": [[0.5, -1], [0, 0]]}"#).get()
        #expect(out == [ServerTestSupport.reference(ServerTestSupport.hidden(), [0.5, -1]),
                        ServerTestSupport.reference(ServerTestSupport.hidden(), [0, 0])])
    }

    @Test func namedModelMatchesTheCPUPathBitForBit() throws {
        var rng = SplitMix64(seed: 9)
        let rows = (0..<5).map { _ in (0..<100).map { _ in Float.random(in: -1...1, using: &rng) } }
        let body = "{\"model\":\"wide\",\"inputs\":[" + rows.map { "[" + $0.map(\.description).joined(separator: ",") + "]" }.joined(separator: ",") + "]}"
        let out = try infer(body).get()
        let genome = ServerTestSupport.dense(inputs: 100, outputs: 3)
        #expect(out.count == 5)
        for (r, row) in rows.enumerated() {
            #expect(out[r].map(\.bitPattern) == ServerTestSupport.reference(genome, row).map(\.bitPattern))
        }
    }

    @Test func modelPerRow() throws {
        let wideRow = [Float](repeating: 0.25, count: 100)
        let body = "{\"models\":[\"h\",\"wide\",\"h\"],\"inputs\":[[1,2],[" + wideRow.map(\.description).joined(separator: ",") + "],[3,4]]}"
        let out = try infer(body).get()
        #expect(out == [ServerTestSupport.reference(ServerTestSupport.hidden(), [1, 2]),
                        ServerTestSupport.reference(ServerTestSupport.dense(inputs: 100, outputs: 3), wideRow),
                        ServerTestSupport.reference(ServerTestSupport.hidden(), [3, 4])])
    }

    @Test func wrongRowLengthNamesRowModelAndSizes() throws {
        let row = [String](repeating: "1", count: 100).joined(separator: ",")
        let short = [String](repeating: "1", count: 99).joined(separator: ",")
        let e = try error("{\"model\":\"wide\",\"inputs\":[[\(row)],[\(row)],[\(row)],[\(short)]]}")
        #expect(e.status == .badRequest)
        #expect(e.message == "row 3 has 99 values, model 'wide' expects 100")
        let perRow = try error(#"{"models":["h","h"],"inputs":[[1,2],[1,2,3]]}"#)
        #expect(perRow.message == "row 1 has 3 values, model 'h' expects 2")
    }

    @Test func unknownModelIs404() throws {
        let e = try error(#"{"model":"nope","inputs":[[1,2]]}"#)
        #expect(e.status == .notFound)
        #expect(e.message == "unknown model 'nope' (loaded: 'h', 'wide')")
        let perRow = try error(#"{"models":["h","x"],"inputs":[[1,2],[1,2]]}"#)
        #expect(perRow.status == .notFound && perRow.message.hasPrefix("unknown model 'x'"))
    }

    @Test func noDefaultModel() throws {
        let empty = InferEndpoint(registry: ModelRegistry())
        #expect(throws: ServingError.self) { try empty.respond(to: ByteBuffer(string: #"{"inputs":[[1]]}"#)) }
        do { _ = try empty.respond(to: ByteBuffer(string: #"{"inputs":[[1]]}"#)) } catch {
            #expect(error.status == .notFound && error.message.hasPrefix("no default model"))
        }
    }

    @Test func shapeErrors() throws {
        #expect(try error(#"{"inputs":[]}"#).message == "\"inputs\" is empty: send at least one row")
        #expect(try error("").message.hasPrefix("empty body"))
        #expect(try error(#"{"model":"h"}"#).message.hasPrefix("missing key \"inputs\""))
        #expect(try error(#"{"models":["h"],"inputs":[[1,2],[1,2]]}"#).message
                == "\"models\" has 1 ids but \"inputs\" has 2 rows: give one model id per row")
        #expect(try error(#"{"model":"h","models":["h"],"inputs":[[1,2]]}"#).message.hasPrefix("give either"))
        #expect(try error(#"{"input":[[1,2]]}"#).message == "unknown key \"input\" at byte 1: expected \"inputs\", \"model\", \"models\" or \"networks\"")
        #expect(try error(#"{"inputs":[[1,2]],"inputs":[[1,2]]}"#).message.hasPrefix("key \"inputs\" appears twice"))
        #expect(try error(#"{"inputs":[1,2]}"#).message.contains("each row of \"inputs\" is an array of numbers"))
        #expect(try error(#"{"inputs":[["a",2]]}"#).message.hasPrefix("inputs row 0, value 0: malformed JSON at byte 12"))
    }

    @Test func malformedJSONGivesTheByteOffset() throws {
        let e = try error(#"{"inputs":[[1,2]"#)
        #expect(e.status == .badRequest)
        #expect(e.message == "malformed JSON at byte 16: expected ',' or ']' in \"inputs\", found end of body")
        #expect(try error(#"{"inputs":[[1 2]]}"#).message == "malformed JSON at byte 14: expected ',' or ']' in a row of inputs, found '2'")
        #expect(try error(#"[[1,2]]"#).message.hasPrefix("malformed JSON at byte 0: expected '{'"))
        #expect(try error(#"{"inputs":[[1,2]]} x"#).message == "malformed JSON at byte 19: expected end of body after the top-level value, found 'x'")
        #expect(try error("{\"inputs\":[[1,\u{1}]]}").message.contains("found byte 0x1"))
    }

    @Test func nonFiniteInputsAreRejected() throws {
        let e = try error(#"{"inputs":[[1,NaN]]}"#)
        #expect(e.message == "inputs row 0, value 1: non-finite number NaN at byte 14: inputs must be finite numbers")
        #expect(try error(#"{"inputs":[[-Infinity,1]]}"#).message.contains("non-finite number -Infinity"))
        #expect(try error(#"{"inputs":[[1e40,1]]}"#).message.contains("outside the Float range"))
    }

    @Test func nonFiniteOutputsAreAnError() throws {
        let g = Genome(id: 1, numInputs: 1, numOutputs: 1, nodes: [NodeGene(id: 0, activation: .cube)],
                       connections: [ConnectionGene(innovation: 0, from: -1, to: 0, weight: 1)])
        registry.put(try ServedModel(id: "cube", genome: g))
        let e = try error(#"{"model":"cube","inputs":[[1e30]]}"#)
        #expect(e.status == .unprocessableContent && e.message.contains("non-finite output"))
    }

    @Test func whitespaceAndKeyOrderDoNotMatter() throws {
        let out = try infer(" {\n \"inputs\" : [ [ 1 , 2 ] ] ,\t\"model\" : \"h\" } \n").get()
        #expect(out == [ServerTestSupport.reference(ServerTestSupport.hidden(), [1, 2])])
        #expect(try infer(#"{"model":null,"inputs":[[1,2]]}"#).get().count == 1)
    }

    @Test func escapedModelIDs() throws {
        registry.put(try ServedModel(id: "a\"b/é", genome: ServerTestSupport.hidden()))
        #expect(try infer(#"{"model":"a\"b\/\u00e9","inputs":[[1,2]]}"#).get().count == 1)
    }
}
