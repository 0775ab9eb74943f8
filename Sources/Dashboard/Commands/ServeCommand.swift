import ArgumentParser
import Engine
import Foundation
import Logging
import Serving

/// `dashboard serve`: the built-in HTTP inference server.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve neural-network inference over HTTP (POST /infer).",
        discussion: """
            Prints one line `listening on http://HOST:PORT` to stdout once bound; logs go to stderr.
            Endpoints: POST /infer, PUT /v1/models/{id}, PUT /v1/population, GET /v1/models,
            DELETE /v1/models/{id}, GET /healthz, GET /metrics, GET|POST /noop. See docs/serving.md.
            """
    )

    @Option(help: "Address to bind. Loopback by default; 0.0.0.0 exposes the server to the network.")
    var host = "127.0.0.1"

    @Option(help: "Port to bind; 0 picks a free port (the line printed on stdout has the real one).")
    var port = 8000

    @Option(help: "A network in neat-python network JSON (format 1.0) to load as the default model; its id is the file name without extension.")
    var model: String?

    @Option(help: "Largest request body accepted, in bytes (413 above it).")
    var maxBodyBytes = 8 << 20

    @Option(help: "Log level (info shows the request log).")
    var logLevel: LogLevelOption = .info

    @Option(help: "Event-loop threads (2 measured fastest on this 2-core machine, even with the load generator beside it).")
    var threads = 2

    @Option(help: "HTTP stack: nio (plain SwiftNIO, measured fastest) or hummingbird.")
    var engine: InferenceServer.Transport = .nio

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port) is not a port number (0...65535)") }
        guard maxBodyBytes > 0 else { throw ValidationError("--max-body-bytes must be positive, got \(maxBodyBytes)") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    func run() async throws {
        var logger = Logger(label: "dashboard.serve") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = logLevel.level
        let server = InferenceServer(
            configuration: .init(host: host, port: port, maxBodyBytes: maxBodyBytes, eventLoopThreads: threads),
            logger: logger)
        if let path = model {
            let loaded = try Self.loadModel(path: path, decoder: server.decoder)
            server.registry.put(loaded)
            logger.notice("loaded model '\(loaded.id)' from \(path): \(loaded.inputCount) inputs, \(loaded.outputCount) outputs")
        }
        let announce: @Sendable (String, Int) -> Void = { host, port in
            // Unbuffered: the parent process reads this line through a pipe.
            FileHandle.standardOutput.write(Data("listening on http://\(host):\(port)\n".utf8))
        }
        try await server.run(transport: engine, onListening: announce)
    }

    static func loadModel(path: String, decoder: ModelDecoder) throws -> ServedModel {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("--model \(path): cannot read the file")
        }
        let id = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        do {
            return try ServedModel(id: id, genome: decoder.decode(Array(data)))
        } catch let e as ServingError {
            throw ValidationError("--model \(path): \(e.message)")
        } catch {
            throw ValidationError("--model \(path): not a valid neat-python network JSON (format 1.0): \(error)")
        }
    }
}
