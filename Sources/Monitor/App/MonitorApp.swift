#if canImport(Glibc)
import Glibc
#endif
import Engine
import Foundation
import Logging

/// The monitor's loop: snapshot → sample /proc → draw; keys → actions → engine.
///
/// Drawing mode: every `refreshMillis` take `source.snapshot()`, sample /proc,
/// render into a cell buffer and let `NcursesScreen` copy the changed cells;
/// between frames wait for keys. Headless mode (no tty, or `--headless`): the
/// engine's per-generation stats lines reach stdout through swift-log, and the
/// app adds a one-line summary every `summaryEvery` seconds.
public final class MonitorApp {
    private let source: any MonitorSource
    private let options: MonitorOptions
    private let events: EventLog
    private let logger: Logger
    private let themes: ThemeLoader
    private let clock: any NanoClock
    private let start: UInt64
    private let sampler: ProcSampler
    private var ledger = ResourceLedger()
    private var state: UIState
    private var themeNames: [String]
    private var theme: Theme
    private var lastSample = SystemSample.empty
    private var notes: [String]
    private var screen: NcursesScreen?
    private var resizeCode: Int32 = 0o632
    private var backTabCode: Int32 = 0o541
    /// The charts' memory, fed by every snapshot while the screen is drawn.
    private var history = ChartHistory()
    private var activity = ThreadActivity()
    /// Seconds of simulated past to put in the history before the first snapshot (`DASHBOARD_PREFILL_HISTORY`).
    private var prefillSeconds: Double?
    var drawing = false
    private var glyphs = Glyphs.ascii
    var screenSize = (width: 0, height: 0)
    /// Seconds between headless summary lines.
    public var summaryEvery: Double = 5

    public init(source: any MonitorSource, options: MonitorOptions, events: EventLog, logger: Logger,
                themes: ThemeLoader = .standard(), clock: any NanoClock = SystemClock(), notes: [String] = []) {
        self.source = source; self.options = options; self.events = events; self.logger = logger
        self.themes = themes; self.clock = clock; self.notes = notes
        start = clock.nanoseconds()
        sampler = ProcSampler(clock: clock)
        var names = themes.availableNames()
        let loaded = themes.load(options.theme)
        theme = loaded.theme
        if !names.contains(theme.name) { names.append(theme.name) }
        themeNames = names
        state = UIState(mode: options.mode, batchSize: options.batch, themeIndex: names.firstIndex(of: theme.name) ?? 0,
                        themeCount: names.count, remoteAvailable: source.remoteAvailable, assumedRTTMillis: options.assumedRTTMillis)
        if let p = loaded.problem { event(p, error: true) }
        self.notes.append("CSV and SVG snapshots go to " + options.csvDirectory)
        switch HistoryPrefill.seconds(from: ProcessInfo.processInfo.environment) {
        case .success(let s): prefillSeconds = s
        case .failure(let e): event(e.description, error: true)
        }
    }

    /// Whether to draw: stdout is a terminal and --headless was not given.
    public static func shouldDraw(options: MonitorOptions) -> Bool { !options.headless && isatty(1) == 1 }

    /// Runs until `q`, SIGINT or SIGTERM; sends `.shutdown` to the source on the way out.
    public func run() throws {
        // The thread that draws, samples /proc and reads keys shows as "dashboard-ui".
        CurrentThread.setName("dashboard-ui")
        SignalFlag.install()
        defer { source.send(.shutdown) }
        drawing = Self.shouldDraw(options: options)
        if drawing { try runScreen() } else { runHeadless() }
    }

    // MARK: - drawing mode

    private func runScreen() throws {
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        glyphs = Glyphs.forLocale(ProcessInfo.processInfo.environment)
        let screen = try NcursesScreen(theme: theme, noColor: noColor)
        self.screen = screen
        resizeCode = screen.resizeKey
        backTabCode = screen.backTabKey
        defer { screen.end(); self.screen = nil }
        let refresh = UInt64(options.refreshMillis) * 1_000_000
        var (w, h) = screen.size
        screenSize = (w, h)
        var buffer = CellBuffer(width: w, height: h)
        var nextFrame: UInt64 = 0
        var nextCSV = csvInterval.map { clock.nanoseconds() + $0 }
        var model: ScreenModel?
        var lastEventsVersion = events.version

        func frame(sampleNow: Bool) {
            if sampleNow || model == nil { model = makeModel() }
            else if var m = model {
                // A key between frames: redraw with the new UI state and events, without a fresh sample.
                m.state = state; m.events = events.recent(64); m.themeName = theme.name
                m.charts = history.data(window: state.window)
                m.idleThreads = idleThreads()
                model = m
            }
            buffer.resize(width: w, height: h)
            Screen.render(model!, into: &buffer)
            screen.present(&buffer)
        }

        while SignalFlag.stopSignal == nil {
            let now = clock.nanoseconds()
            var quit = apply(state.tick(now: now))
            if let n = nextCSV, now >= n {
                writeSnapshot()
                nextCSV = n + csvInterval!
            }
            if now >= nextFrame {
                frame(sampleNow: true)
                lastEventsVersion = events.version
                nextFrame = now + refresh
            }
            let wait = Int((nextFrame &- Swift.min(nextFrame, clock.nanoseconds())) / 1_000_000)
            if let key = screen.readKey(timeoutMillis: Swift.min(wait, options.refreshMillis)) {
                if key == screen.resizeKey { (w, h) = screen.size; screenSize = (w, h) }
                quit = press(key) || quit
                if !quit { frame(sampleNow: false) }
            } else if events.version != lastEventsVersion {
                lastEventsVersion = events.version
                frame(sampleNow: false)
            }
            if quit { break }
        }
    }

    private var csvInterval: UInt64? { options.csvEverySeconds.map { UInt64($0 * 1e9) } }

    private func makeModel() -> ScreenModel {
        let snap = sample()
        state.remoteAvailable = source.remoteAvailable
        return model(of: snap)
    }

    private func model(of snap: MetricsSnapshot) -> ScreenModel {
        ScreenModel(snapshot: snap, system: lastSample, state: state, matrix: matrix(snap),
                    events: events.recent(64), themeName: theme.name, remoteAvailable: source.remoteAvailable,
                    glyphs: glyphs, notes: notes, charts: history.data(window: state.window), idleThreads: idleThreads())
    }

    /// The decision matrix of `snap`, its remote columns projected to the what-if network when one is set.
    private func matrix(_ snap: MetricsSnapshot) -> DecisionMatrix {
        DecisionMatrix(figures: snap.modes, network: state.assumedRTTMillis.map {
            WhatIfNetwork(rttMillis: $0, workers: snap.training.threads, inFlight: options.concurrency)
        })
    }

    private func idleThreads() -> Set<Int64> {
        activity.idle(now: history.lastTime ?? 0, seconds: state.window.seconds)
    }

    /// A snapshot with the sampler's resource figures filled in; while drawing, also fed to the chart history.
    private func sample() -> MetricsSnapshot {
        let raw = source.snapshot()
        lastSample = sampler.sample(childPID: source.childPID)
        ledger.record(mode: raw.currentMode, paused: raw.training.paused, sample: lastSample)
        state.sync(engineMode: raw.currentMode)
        if drawing { remember(raw) }
        return ledger.apply(to: raw)
    }

    /// Adds a snapshot and its /proc sample to the chart history and thread activity.
    private func remember(_ snap: MetricsSnapshot) {
        let now = Double(snap.takenAt) / 1e9
        if let seconds = prefillSeconds {
            prefillSeconds = nil
            HistoryPrefill.fill(&history, seconds: seconds, endingAt: now - 1)
            event("history: \(Format.fixed(seconds / 3600, 1)) h of simulated past (\(HistoryPrefill.environmentKey))")
        }
        history.ingest(snap)
        activity.record(lastSample, at: now)
    }

    /// Handles one key code: state machine, then its actions. Returns true on quit.
    func press(_ code: Int32) -> Bool {
        guard let cmd = KeyCommand(code: code, resizeCode: resizeCode, backTabCode: backTabCode) else { return false }
        return apply(state.handle(cmd, now: clock.nanoseconds()))
    }

    /// Carries out actions; returns true on quit.
    @discardableResult
    private func apply(_ actions: [Action]) -> Bool {
        var quit = false
        for a in actions {
            switch a {
            case .switchMode(let m):
                source.send(.setMode(m))
                event("mode: \(m) (from the next tick batch)")
            case .pause:
                source.send(.pause); event("training paused")
            case .resume:
                source.send(.resume); event("training resumed")
            case .writeSnapshot:
                writeSnapshot()
            case .writeCheckpoint:
                source.send(.checkpointNow); event("checkpoint requested: written after this generation")
            case .setTheme(let i):
                let name = themeNames[i % themeNames.count]
                let loaded = themes.load(name)
                theme = loaded.theme
                screen?.apply(theme: theme)
                if let p = loaded.problem { event(p, error: true) } else { event("theme: \(name)") }
            case .event(let text):
                event(text)
            case .relayout:
                break
            case .quit:
                quit = true
            }
        }
        return quit
    }

    /// Writes the CSV snapshot and, while the screen is drawn, the screen as SVG beside it (same name, `.svg`).
    private func writeSnapshot() {
        let snap = sample()
        do {
            let path = try CSVSnapshot.write(snapshot: snap, system: lastSample, matrix: matrix(snap),
                                             directory: options.csvDirectory)
            guard drawing else { event("snapshot written: \(path)"); return }
            let svg = String(path.dropLast(".csv".count)) + ".svg"
            var buffer = CellBuffer(width: screenSize.width, height: screenSize.height)
            Screen.render(model(of: snap), into: &buffer)
            try SVGScreenshot.write(buffer, theme: theme, to: svg)
            event("snapshot written: \(path) (+ .svg)")
            // The log file keeps a record; headless mode already printed the event line.
            logger.info("CSV and SVG snapshot written", metadata: ["path": "\(path)", "svg": "\(svg)"])
        } catch {
            event("snapshot failed: \(error)", error: true)
        }
    }

    private func event(_ text: String, error: Bool = false) {
        let secs = Double(clock.nanoseconds() &- start) / 1e9
        events.append(.init(seconds: secs, text: text, isError: error))
        if !Self.shouldDraw(options: options) {
            // Headless: events are plain lines on stdout.
            print("event: \(text)")
            fflush(nil)
        }
    }

    // MARK: - headless mode

    private func runHeadless() {
        let summaryNanos = UInt64(summaryEvery * 1e9)
        var nextSummary = clock.nanoseconds() + summaryNanos
        var nextCSV = csvInterval.map { clock.nanoseconds() + $0 }
        _ = sample()   // prime the CPU sampler
        while SignalFlag.stopSignal == nil {
            var ts = timespec(tv_sec: 0, tv_nsec: 100_000_000)
            nanosleep(&ts, nil)
            let now = clock.nanoseconds()
            if let n = nextCSV, now >= n { writeSnapshot(); nextCSV = n + csvInterval! }
            if now >= nextSummary {
                let snap = sample()
                print(Self.summaryLine(snap, system: lastSample, glyphs: .ascii))
                fflush(nil)
                nextSummary = now + summaryNanos
            }
        }
        if let s = SignalFlag.stopSignal { print("event: stopping on signal \(s)") }
    }

    /// The periodic headless line.
    public static func summaryLine(_ s: MetricsSnapshot, system: SystemSample, glyphs: Glyphs) -> String {
        let t = s.training
        let f = s.figures(for: s.currentMode)
        var parts = ["Summary - Mode: \(s.currentMode)", "Generation: \(t.generation)",
                     "Best: \(Format.fixed(t.bestFitness, 3))", "Mean: \(Format.fixed(t.meanFitness, 3))",
                     "Species: \(t.speciesCount)"]
        if let w = t.championWinRate { parts.append("Win rate: \(Format.percent(w))") }
        if let f {
            parts.append("Gen/s: \(Format.fixed(f.generationsPerSecond, 2))")
            parts.append("Inference p99: \(Format.micros(f.inference.p99, glyphs: glyphs))")
            if let r = f.requestLatency, r.count > 0 {
                // Remote: "Inference p99" above is the wait for a whole tick; this is one HTTP request.
                parts.append("Request p99: \(Format.micros(r.p99, glyphs: glyphs))")
                parts.append("Requests/s: \(Format.rate(f.requestsPerSecond))")
            }
            parts.append("Vectors/s: \(Format.rate(f.vectorsPerSecond))")
            if f.errors > 0 { parts.append("Errors: \(f.errors)") }
        }
        parts.append("CPU: \(Format.fixed(system.dashboardCPUPercent, 0))%")
        if let r = system.dashboardRSS { parts.append("RSS: \(Format.bytes(r))") }
        if t.paused { parts.append("PAUSED") }
        parts.append("Uptime: \(Format.clock(s.uptimeSeconds))")
        return parts.joined(separator: ", ")
    }
}
