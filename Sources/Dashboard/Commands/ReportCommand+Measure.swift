import ArgumentParser
import Engine
import Foundation
import Logging
import Monitor
import Serving

extension ReportCommand {
    /// Measures CPU-Only, Remote (Batch=1) and Remote (Batch=N), in that order, and assembles the report.
    func measure() throws -> BenchmarkReport {
        let started = Date()
        let plan = quick ? Self.quickPlan : Self.fullPlan
        let threadCount = threads ?? WorkerPool.defaultThreadCount(environment: ProcessInfo.processInfo.environment)
        LoggingSystem.bootstrap { label in
            var h = StreamLogHandler.standardError(label: label)
            h.logLevel = .warning
            return h
        }
        var options = DuelTrainingOptions()
        options.population = population ?? plan.population
        options.seed = seed
        do { try options.validate() } catch { throw ValidationError(error.description) }
        var settings = InferenceSetup.Settings()
        settings.concurrency = concurrency
        settings.workers = threadCount
        settings.serverURL = serverURL
        settings.serverKind = serverKind
        try remote.apply(to: &settings)
        let progress: (String) -> Void = { FileHandle.standardError.write(Data("report: \($0)\n".utf8)) }
        let rows = try remoteRowMeasurer(settings: settings, threads: threadCount, progress: progress)
        let bench = ReportBenchmark(options: options, threads: threadCount, warmupGenerations: warmup ?? plan.warmup,
                                    generations: generations ?? plan.generations, repetitions: repetitions, settings: settings,
                                    remoteRows: rows, assumeRTT: assumeRTT, logger: Logger(label: "dashboard.report"), progress: progress)
        let modes = [InferenceMode.cpu, .remote(batch: 1), .remote(batch: batch)]
        let results = try modes.map(bench.measure)
        let remote = results.last { $0.mode != .cpu }
        let environment = ReportEnvironment(
            cpuModel: (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)).flatMap(ReportEnvironment.cpuModel) ?? "unknown",
            cores: ProcessInfo.processInfo.activeProcessorCount, memoryBytes: ProcessInfo.processInfo.physicalMemory,
            kernel: ReportEnvironment.kernelRelease(), swiftVersion: ReportEnvironment.swiftCompiler,
            buildConfiguration: Self.buildConfiguration, gitCommit: Self.gitCommit(),
            serverKind: serverURL == nil ? "built-in (dashboard serve child)" : (remote?.resolved?.serverName ?? serverKind.rawValue),
            serverURL: remote?.serverURL ?? serverURL ?? "unknown", remoteProtocol: remote?.resolved?.description ?? "unknown",
            startedAt: ReportEnvironment.timestamp(started), finishedAt: ReportEnvironment.timestamp(Date()))
        let reportSettings = ReportSettings(task: task.rawValue, repetitions: repetitions, warmupGenerations: warmup ?? plan.warmup,
                                            generationsPerRepetition: generations ?? plan.generations, batch: batch, threads: threadCount,
                                            population: options.population, concurrency: concurrency, quick: quick,
                                            remoteRows: remoteRows.rawValue, assumedRTTMilliseconds: assumeRTT)
        let methods = Dictionary(modes.filter { $0 != .cpu }.map { (BenchmarkReport.rowName($0), rows.method(mode: $0)) }, uniquingKeysWith: { a, _ in a })
        return BenchmarkReport(environment: environment, settings: reportSettings,
                               measurements: results.map { ($0.mode, $0.repetitions) }, methods: methods,
                               verdicts: Dictionary(results.compactMap { r in r.verdict.map { (r.mode, $0) } }, uniquingKeysWith: { a, _ in a }))
    }

    /// The remote rows' measurer --remote-rows asks for. The load generator keeps as many
    /// requests in flight as the training does (every worker thread's --concurrency), and
    /// speaks the protocol the training speaks.
    func remoteRowMeasurer(settings: InferenceSetup.Settings, threads: Int, progress: @escaping (String) -> Void) throws -> any RemoteRowMeasuring {
        switch remoteRows {
        case .training:
            return TrainingRequestLatency()
        case .load:
            let length = try loadRunLength()
            return LoadGeneratorRows(connections: threads * settings.concurrency, duration: length, warmup: min(.seconds(1), length / 2),
                                     remoteProtocol: settings.protocol, tensorFormat: settings.tensorFormat, progress: progress)
        }
    }

    static var buildConfiguration: String {
        #if DEBUG
        "debug"
        #else
        "release"
        #endif
    }

    /// `git rev-parse HEAD` of the working directory, `+dirty` with uncommitted changes; nil outside a checkout.
    static func gitCommit() -> String? {
        func git(_ args: [String]) -> String? {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["git"] + args
            let pipe = Pipe()
            p.standardOutput = pipe
            p.standardError = FileHandle.nullDevice
            do { try p.run() } catch { return nil }
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            guard p.terminationStatus == 0 else { return nil }
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let head = git(["rev-parse", "HEAD"]), !head.isEmpty else { return nil }
        let dirty = git(["status", "--porcelain", "--untracked-files=no"]).map { !$0.isEmpty } ?? false
        return head + (dirty ? "+dirty" : "")
    }
}
