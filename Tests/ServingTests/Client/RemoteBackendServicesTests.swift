import Engine
import Foundation
import Glibc
import Logging
import Testing
@testable import Serving
import Wire

/// The remote client against the Python ONNX Runtime service's v2 routes
/// (`services/onnx-server` in `.venv`, made by `scripts/setup-python`): networks
/// loaded as ONNX files inline, inference with JSON and binary tensors, equal to
/// the CPU backend within float32 rounding (onnxruntime evaluates the exported
/// graph, not the compiled network, so the last bit may differ).
@Suite(.serialized) struct RemoteBackendServicesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let python = root.appendingPathComponent(".venv/bin/python").path

    /// A free loopback port (bound, read, released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// Starts the service on a free port and waits (30 s at most) for `/v2/health/ready`.
    static func startService() throws -> (Process, Int) {
        let port = try freePort()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = ["-m", "onnx_server", "--port", String(port), "--log-level", "warning"]
        var env = ProcessInfo.processInfo.environment
        env["PYTHONPATH"] = root.appendingPathComponent("services/onnx-server").path
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        for _ in 0..<300 {
            if let a = try? TestHTTPClient.call(port: port, "GET", "/v2/health/ready", contentType: nil), a.status == 200 { return (p, port) }
            guard p.isRunning else { break }
            usleep(100_000)
        }
        kill(p.processIdentifier, SIGKILL)
        throw RemoteError.client("the ONNX Runtime service did not become ready on port \(port)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: python), "needs .venv (scripts/setup-python)"),
          arguments: [TensorFormat.binary, .json])
    func v2InferenceThroughTheOnnxRuntimeServiceMatchesCPU(format: TensorFormat) async throws {
        let (service, port) = try await onThread { try Self.startService() }
        // SIGKILL: a child of this test process inherits its blocked signals, SIGTERM among them.
        defer { kill(service.processIdentifier, SIGKILL); service.waitUntilExit() }
        var logger = Logger(label: "services")
        logger.logLevel = .critical
        var config = RemoteConfiguration(serverURL: "http://127.0.0.1:\(port)")
        config.batchSize = 4
        config.concurrency = 3
        config.tensorFormat = format
        let remote = try RemoteBackend(configuration: config, logger: logger)
        let rows = 29
        let (cpuOut, remoteOut, resolved, stats) = try await onThread { () throws -> ([Float], [Float], ResolvedProtocol, RemoteStats.Snapshot) in
            let cpu = CPUBackend()
            let batch = InferenceBatch(capacity: rows, inputWidth: 4, outputWidth: 2)
            var cpuOut = [Float](), remoteOut = [Float]()
            for generation in 0..<2 {  // the second generation replaces (unloads) the first
                let models = GenerationModels(generation: generation, genomes: RemoteBackendEndToEndTests.genomes(count: 6 + generation))
                try cpu.loadGeneration(models)
                RemoteBackendEndToEndTests.fill(batch, rows: rows, models: models.count)
                try cpu.makeSession(worker: 0).infer(batch)
                cpuOut = Array(batch.outputs)
                batch.outputs.update(repeating: .nan)
                try remote.loadGeneration(models)
                try remote.makeSession(worker: 0).infer(batch)
                remoteOut = Array(batch.outputs)
            }
            return (cpuOut, remoteOut, try remote.resolvedProtocol(), remote.stats.snapshot())
        }
        #expect(resolved.api == .v2 && resolved.tensorFormat == format && resolved.delivery == .v2Load(.onnx))
        #expect(resolved.serverName == "onnx-server")
        #expect(remoteOut.count == cpuOut.count)
        for (a, b) in zip(remoteOut, cpuOut) {
            #expect(abs(a - b) <= 1e-5 * max(1, abs(b)), "remote \(a) vs cpu \(b)")
        }
        #expect(stats.failures == 0 && stats.uploads == 2 && stats.unloadFailures == 0 && stats.rows == 2 * rows)
        // The first generation's models were unloaded: only g1-* are listed as ready.
        let index = try await onThread { try TestHTTPClient.call(port: port, "POST", "/v2/repository/index", body: #"{"ready":true}"#) }
        #expect(index.status == 200 && index.body.contains("g1-6") && !index.body.contains("g0-"))
        remote.shutdown()
    }
}
