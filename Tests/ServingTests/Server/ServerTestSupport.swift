import Engine
import Foundation
import Logging
import NIOCore
import Synchronization
@testable import Serving
import Wire

/// Test doubles and fixtures shared by the server tests.
enum ServerTestSupport {
    /// Decodes a `Genome` from its Codable JSON: stands in for the neat-python import.
    static let codableDecoder = ModelDecoder { bytes, _ in try JSONDecoder().decode(Genome.self, from: Data(bytes)) }

    /// Serves `server` on a loopback port for the duration of `body`, which gets the port.
    static func withServer<T: Sendable>(_ server: InferenceServer, _ body: (Int) async throws -> T) async throws -> T {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let serving = Task { try await server.run { _, port in continuation.yield(port) } }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        do {
            let result = try await body(port)
            serving.cancel()
            _ = await serving.result
            return result
        } catch {
            serving.cancel()
            _ = await serving.result
            throw error
        }
    }

    /// Calls `routes` directly, as the transport would for this request.
    static func call(_ routes: ServerRoutes, _ method: String, _ uri: String, body: String? = nil,
                     contentType: String? = "application/json", tooLarge: Bool = false) -> ServerResponse {
        routes.respond(to: ServerRequest(method: method, uri: uri, contentType: body == nil ? nil : contentType,
                                         body: ByteBuffer(string: body ?? ""), bodyTooLarge: tooLarge))
    }

    static func json(_ genome: Genome) -> String {
        String(decoding: try! JSONEncoder().encode(genome), as: UTF8.self)
    }

    /// A dense `inputs → outputs` network with deterministic weights.
    static func dense(inputs: Int, outputs: Int, activation: Activation = .tanh, seed: Int = 1) -> Genome {
        var conns = [ConnectionGene]()
        var innovation = 0
        for o in 0..<outputs {
            for i in 0..<inputs {
                let w = Double(((i + 1) * 37 + (o + 1) * 101 + seed * 13) % 97) / 97.0 - 0.5
                conns.append(ConnectionGene(innovation: innovation, from: -1 - i, to: o, weight: w))
                innovation += 1
            }
        }
        let nodes = (0..<outputs).map { NodeGene(id: $0, activation: activation, bias: Double(seed) * 0.01 * Double($0)) }
        return Genome(id: seed, numInputs: inputs, numOutputs: outputs, nodes: nodes, connections: conns)
    }

    /// A 2-input, 1-output network with a hidden node and a disabled connection.
    static func hidden() -> Genome {
        Genome(id: 7, numInputs: 2, numOutputs: 1,
               nodes: [NodeGene(id: 0, activation: .sigmoid, bias: 0.1), NodeGene(id: 5, activation: .relu, bias: -0.2)],
               connections: [
                   ConnectionGene(innovation: 0, from: -1, to: 0, weight: 0.5, enabled: false),
                   ConnectionGene(innovation: 1, from: -1, to: 5, weight: 1.5),
                   ConnectionGene(innovation: 2, from: -2, to: 5, weight: -0.7),
                   ConnectionGene(innovation: 3, from: 5, to: 0, weight: 2.0),
                   ConnectionGene(innovation: 4, from: -2, to: 0, weight: 0.3),
               ])
    }

    /// What the engine's CPU path gives for one row.
    static func reference(_ genome: Genome, _ row: [Float]) -> [Float] {
        let net = CompiledNetwork(genome)
        var out = [Float](repeating: 0, count: net.outputCount)
        var scratch = [Float](repeating: 0, count: net.scratchCount)
        row.withUnsafeBufferPointer { i in
            out.withUnsafeMutableBufferPointer { o in
                scratch.withUnsafeMutableBufferPointer { s in net.evaluate(inputs: i.baseAddress!, outputs: o.baseAddress!, scratch: s.baseAddress!) }
            }
        }
        return out
    }

    /// Parses a `[[f32,...],...]` response with Foundation (an independent decoder).
    static func matrix(_ buffer: ByteBuffer) -> [[Float]]? {
        guard let any = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [[Any]] else { return nil }
        return any.map { row in row.map { Float("\($0)") ?? .nan } }
    }

    static func text(_ buffer: ByteBuffer) -> String { String(buffer: buffer) }

    /// The `"error"` message of an error body, or nil if the body is not that shape.
    static func errorMessage(_ buffer: ByteBuffer) -> String? {
        guard let obj = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any] else { return nil }
        return obj["error"] as? String
    }
}

/// Messages kept by `CapturingLogHandler`.
final class LogStore: Sendable {
    let messages = Locked<[String]>([])
    var all: [String] { messages.withLock { $0 } }
}

/// A log handler that keeps every message, to check the request log.
struct CapturingLogHandler: LogHandler {
    let store: LogStore
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        store.messages.withLock { $0.append("\(event.level) \(event.message)") }
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let e) = self { return e }
        return nil
    }
}
