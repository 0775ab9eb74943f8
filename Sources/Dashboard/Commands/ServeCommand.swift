import ArgumentParser
import Engine
import Foundation
import Logging
import Monitor
import Serving
import Wire

/// `dashboard serve`: the built-in HTTP inference server.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve neural-network inference over HTTP (POST /infer).",
        discussion: """
            Prints one line `listening on http://HOST:PORT` to stdout once bound; logs go to stderr.
            Endpoints: POST /infer, PUT /v1/models/{id}, PUT /v1/population, GET /v1/models,
            DELETE /v1/models/{id}, GET /healthz, GET /metrics, GET|POST /noop, and the Open Inference
            Protocol (KServe v2) under /v2: health, metadata, infer with JSON or binary tensors, repository
            load/unload/index, statistics. See docs/serving.md.
            Every request is bounded by the --max-* limits (413 above them, naming the flag);
            uploads and large batches are decoded on --worker-threads, never on the event loops.
            """
    )

    @Option(help: "Address to bind. Loopback by default; 0.0.0.0 exposes the server to the network.")
    var host = "127.0.0.1"

    @Option(help: "Port to bind; 0 picks a free port (the line printed on stdout has the real one).")
    var port = 8000

    @Option(help: "A network in neat-python network JSON (format 1.0) to load as the default model; its id is the file name without extension.")
    var model: String?

    @Option(help: "Largest request body accepted, in bytes (413 above it).")
    var maxBodyBytes = ServerLimits.standard.maxBodyBytes

    @Option(help: "Most inputs one uploaded network may have.")
    var maxInputs = NetworkLimits.standard.maxInputs.value

    @Option(help: "Most outputs one uploaded network may have.")
    var maxOutputs = NetworkLimits.standard.maxOutputs.value

    @Option(help: "Most hidden and output nodes one uploaded network may have.")
    var maxNodes = NetworkLimits.standard.maxNodes.value

    @Option(help: "Most connections one uploaded network may have.")
    var maxConnections = NetworkLimits.standard.maxConnections.value

    @Option(help: "Most rows one inference request may carry.")
    var maxRows = ServerLimits.standard.maxRows

    @Option(help: "Most output values (rows × outputs) one inference response may hold.")
    var maxOutputsPerRequest = ServerLimits.standard.maxOutputValues

    @Option(help: "Most networks one population upload may carry.")
    var maxPopulation = ServerLimits.standard.maxPopulation

    @Option(help: "Longest model id or name, in bytes.")
    var maxIdBytes = ServerLimits.standard.maxIDBytes

    @Option(help: "A folder of networks that Open Inference Protocol loads without a file read (NAME/model.json or NAME/<version>/model.json).")
    var modelRepository: String?

    @Option(help: "Estimated bytes of the networks kept after arriving inline in POST /infer (named by content id, sha256:<hex>); least recently used evicted first. Default 268435456 (256 MiB).")
    var modelCacheBytes = ModelCache.defaultCapacityBytes

    @Option(help: "Threads that decode uploads and evaluate large batches, off the event loops.")
    var workerThreads = 2

    @Option(help: "Uploads and large requests queued for those threads at once; more are answered 503 with Retry-After.")
    var maxQueued = 64

    @Option(help: "Log level (info shows the request log).")
    var logLevel: LogLevelOption = .info

    @Option(help: ArgumentHelp("Testing aid: delay every answer by MS milliseconds (fractions allowed) without blocking the event loop, to emulate a network hop on loopback.", valueName: "MS"))
    var addLatency: Double = 0

    @Option(help: ArgumentHelp("Testing aid: every inference takes MS milliseconds longer (fractions allowed), spent spinning on the thread that evaluates it, to emulate a slow server (its compute time and CPU both grow).", valueName: "MS"))
    var addComputeLatency: Double = 0

    @Flag(help: "Send no Server-Timing header (the server's decode, queue, compute and encode times) with inference answers; clients then cannot split a round trip into wire and server time.")
    var noServerTiming = false

    @Option(help: "Event-loop threads (2 measured fastest on this 2-core machine, even with the load generator beside it).")
    var threads = 2


    func validate() throws {
        guard addLatency.isFinite, (0...60_000).contains(addLatency) else {
            throw ValidationError("--add-latency \(addLatency) is not a delay in milliseconds (0...60000)")
        }
        guard addComputeLatency.isFinite, (0...60_000).contains(addComputeLatency) else {
            throw ValidationError("--add-compute-latency \(addComputeLatency) is not a delay in milliseconds (0...60000)")
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port) is not a port number (0...65535)") }
        let positive: [(String, Int)] = [
            ("--max-body-bytes", maxBodyBytes), ("--max-inputs", maxInputs), ("--max-outputs", maxOutputs),
            ("--max-nodes", maxNodes), ("--max-connections", maxConnections), ("--max-rows", maxRows),
            ("--max-outputs-per-request", maxOutputsPerRequest), ("--max-population", maxPopulation),
            ("--max-id-bytes", maxIdBytes), ("--threads", threads), ("--worker-threads", workerThreads), ("--max-queued", maxQueued),
            ("--model-cache-bytes", modelCacheBytes),
        ]
        for (flag, value) in positive where value < 1 { throw ValidationError("\(flag) must be at least 1, got \(value)") }
    }

    /// The limits the flags set.
    var limits: ServerLimits {
        var network = NetworkLimits.standard
        network.maxInputs.value = maxInputs
        network.maxOutputs.value = maxOutputs
        network.maxNodes.value = maxNodes
        network.maxConnections.value = maxConnections
        return ServerLimits(maxBodyBytes: maxBodyBytes, network: network, maxRows: maxRows,
                            maxOutputValues: maxOutputsPerRequest, maxPopulation: maxPopulation, maxIDBytes: maxIdBytes)
    }

    func run() async throws {
        var logger = Logger(label: "dashboard.serve") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = logLevel.level
        var configuration = InferenceServer.Configuration(
            host: host, port: port, limits: limits, eventLoopThreads: threads,
            workerThreads: workerThreads, maxQueued: maxQueued, modelRepository: modelRepository)
        configuration.modelCacheBytes = modelCacheBytes
        // The process's CPU, memory and threads beside the request figures, read from /proc on each scrape.
        configuration.sendsServerTiming = !noServerTiming
        configuration.addedLatency = .nanoseconds(Int64((addLatency * 1_000_000).rounded()))
        configuration.addedComputeLatency = .nanoseconds(Int64((addComputeLatency * 1_000_000).rounded()))
        configuration.metricsAppendix = { PrometheusExposition.render(process: ProcessTotals.read()) }
        let server = InferenceServer(configuration: configuration, logger: logger)
        if let path = model {
            let loaded = try Self.loadModel(path: path, decoder: server.decoder, limits: limits.network)
            server.registry.put(loaded)
            logger.notice("loaded model '\(loaded.id)' from \(path): \(loaded.inputCount) inputs, \(loaded.outputCount) outputs")
        }
        let announce: @Sendable (String, Int) -> Void = { host, port in
            // Unbuffered: the parent process reads this line through a pipe.
            FileHandle.standardOutput.write(Data("listening on http://\(host):\(port)\n".utf8))
        }
        try await server.run(onListening: announce)
    }

    static func loadModel(path: String, decoder: ModelDecoder, limits: NetworkLimits) throws -> ServedModel {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("--model \(path): cannot read the file")
        }
        let id = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        do {
            let genome = try data.withUnsafeBytes { try decoder.decode($0, limits) }
            return try ServedModel(id: id, genome: genome)
        } catch let e as ServingError {
            throw ValidationError("--model \(path): \(e.message)")
        } catch {
            throw ValidationError("--model \(path): not a valid neat-python network JSON (format 1.0): \(error)")
        }
    }
}
