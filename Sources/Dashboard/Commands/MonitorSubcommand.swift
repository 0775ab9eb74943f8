import ArgumentParser
import Engine
import Foundation
import Logging
import Monitor
import Serving

/// `dashboard monitor`: train in the background and show the live monitor.
///
/// Named `MonitorSubcommand` (not `MonitorCommand`) so that inside this module
/// `MonitorCommand` still means the engine command enum from `Monitor`.
struct MonitorSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Train a NEAT population and watch training and inference live (the default command).",
        discussion: """
        Keys: c CPU-only, r remote batch 1, b remote batch N, +/- batch size, a auto-probe, s CSV snapshot,
        space pause/resume, t next theme, ? help, q quit. Without a terminal (or with --headless) it prints the
        tournament stats line per generation and a periodic summary instead of drawing.
        """)

    @Option(help: "Inference mode to start in.")
    var mode: InferenceModeOption = .cpu

    @Option(help: "Vectors per remote request (N for Remote batch N), 1...1024.")
    var batch: Int?

    @Option(help: "Remote requests in flight at once, 1...1024.")
    var concurrency: Int = 4

    @Option(help: "Worker threads (default: one per core).")
    var threads: Int?

    @Option(name: .customLong("server-url"), help: "An external inference server, e.g. http://127.0.0.1:8080 (default: start the built-in one).")
    var serverURL: String?

    @OptionGroup var remote: RemoteOptions

    @Option(help: "Task.")
    var task: TaskOption = .duel

    @Option(help: "Population size.")
    var population: Int = 150

    @Option(help: "Random seed (same seed, same run).")
    var seed: UInt64 = 1

    @Flag(help: "Duel: the plain ring tournament (the ring only, fitness exactly wins + ½ draws); see docs/duel.md.")
    var plain = false

    @Option(name: .customLong("target-species"),
            help: "Steer the compatibility threshold toward this many species after every generation (0: a fixed threshold; default: duel \(DuelTrainingOptions().targetSpecies), xor and pole 0).")
    var targetSpecies: Int?

    @Option(name: .customLong("compatibility-threshold"), help: "The compatibility threshold δt, fixed or where the steering starts (default 3.0).")
    var compatibilityThreshold: Double?

    @Option(help: "Theme name from a themes/ folder (default, nord, gruvbox, mono, ...) or a path to a .theme file.")
    var theme: String = "default"

    @Option(help: "Screen refresh period in milliseconds, 50...10000.")
    var refresh: Int = 500

    @Flag(help: "Do not draw: print the stats line per generation and a periodic summary.")
    var headless = false

    @Option(name: .customLong("assume-rtt"), help: ArgumentHelp("Start the decision matrix's what-if network at a round trip of MS milliseconds: the remote columns show figures projected from the loopback measurements (marked *); < and > step through loopback, 0.2, 0.5, 1, 2, 5, 20 ms. See docs/analysis.md.", valueName: "MS"))
    var assumeRTT: Double?

    @Option(name: .customLong("csv-every"), help: "Also write a CSV snapshot every SECONDS.")
    var csvEvery: Double?

    @Option(name: .customLong("csv-dir"), help: "Folder for CSV snapshots (default: the current folder).")
    var csvDir: String?

    @Option(name: .customLong("log-file"), help: "Log file while drawing (default: dashboard-PID.log in the temporary folder).")
    var logFile: String?

    @OptionGroup(title: "Checkpoints and resume (docs/checkpoints.md)")
    var checkpoints: CheckpointOptions

    @OptionGroup(title: "Prometheus metrics")
    var metricsExport: MetricsExportOptions

    func options() throws -> MonitorOptions {
        do {
            return try MonitorOptions.parse(
                mode: mode.rawValue, batch: batch, concurrency: concurrency, threads: threads, serverURL: serverURL, task: task.rawValue,
                population: population, seed: seed, theme: theme, refreshMillis: refresh, headless: headless,
                csvEverySeconds: csvEvery, csvDirectory: csvDir, logFile: logFile, assumeRTT: assumeRTT)
        } catch let e as MonitorOptions.ValidationFailure {
            throw ValidationError(e.description)
        }
    }

    func validate() throws {
        _ = try options()
        if let t = targetSpecies, !(0...population).contains(t) {
            throw ValidationError("--target-species must be 0…\(population), the population size (got \(t))")
        }
        if let x = compatibilityThreshold, !(x > 0 && x.isFinite) {
            throw ValidationError("--compatibility-threshold must be a positive number (got \(x))")
        }
        var settings = InferenceSetup.Settings()
        try remote.apply(to: &settings)
    }

    func run() throws {
        let opts = try options()
        let draw = MonitorApp.shouldDraw(options: opts)
        let events = EventLog()
        let logPath = opts.logFile
            ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("dashboard-\(getpid()).log")
        let file: EventLogHandler.LogFile? = draw ? try EventLogHandler.LogFile(path: logPath) : nil
        // While the screen is drawn nothing may reach stdout/stderr: logs go to the event panel and the file.
        LoggingSystem.bootstrap { label in
            if let file { return EventLogHandler(label: label, events: events, file: file) }
            return StreamLogHandler.standardOutput(label: label)
        }
        let logger = Logger(label: "dashboard")
        let speciation = MonitorSourceFactory.Speciation(targetSpecies: targetSpecies, compatibilityThreshold: compatibilityThreshold)
        let source = try MonitorSourceFactory.make(opts, remote: remote, plainDuel: plain, speciation: speciation,
                                                   checkpointOptions: checkpoints, logger: logger)
        var notes = draw ? ["log file: " + logPath] : []
        let endpoint: MetricsEndpoint?
        do { endpoint = try metricsExport.start { source.snapshot() } } catch {
            source.send(.shutdown)
            throw error
        }
        defer { endpoint?.stop() }
        if let endpoint {
            notes.append("metrics: " + endpoint.url)
            logger.notice("serving Prometheus metrics at \(endpoint.url)")
        }
        let app = MonitorApp(source: source, options: opts, events: events, logger: logger, notes: notes)
        try app.run()
        if draw { print("dashboard: log written to \(logPath)") }
        // Stopped by SIGINT/SIGTERM: exit as a shell expects (130, 143) once everything is restored.
        if let s = SignalFlag.stopSignal { throw ExitCode(128 + s) }
    }
}
