import Engine

/// The monitor's own state and the key → action state machine.
///
/// Pure: `handle(_:now:)` and `tick(now:)` mutate the state and return the
/// actions for the app to carry out. Time comes in as nanoseconds from an
/// injected clock, so tests drive auto-probe exactly.
public struct UIState: Sendable, Equatable {
    /// Auto-probe: each available mode in turn for `phaseNanos` of unpaused time, then back.
    public struct Probe: Sendable, Equatable {
        public var modes: [InferenceMode]
        public var index: Int
        public var phaseElapsed: UInt64
        public var returnTo: InferenceMode
        public var current: InferenceMode { modes[index] }
    }

    /// The mode the user asked for (the engine's current mode may lag until its next tick batch).
    public private(set) var mode: InferenceMode
    /// N for `b` (Remote batch N); changed by + and -.
    public private(set) var batchSize: Int
    public private(set) var paused: Bool
    public private(set) var showHelp: Bool
    public private(set) var themeIndex: Int
    public let themeCount: Int
    public var remoteAvailable: Bool
    public private(set) var probe: Probe?
    public let probePhaseNanos: UInt64
    private var lastTick: UInt64?
    /// The charts' time window (`[` shorter, `]` longer).
    public private(set) var window: ChartWindow = .fiveMinutes
    /// The panel `Tab` moved to; `e` expands it.
    public private(set) var focus: PanelID = .latencyChart
    /// Panels, most recently focused first: a shared slot shows the first of its panels here.
    public private(set) var recentFocus: [PanelID] = [.latencyChart]
    /// The focused panel takes the whole body of the screen.
    public private(set) var expanded = false
    /// The threads panel lists idle threads instead of folding them (`i`).
    public private(set) var showIdleThreads = false
    public private(set) var threadSort: ThreadSort = .cpu
    /// The spectrum overlays every measured mode instead of the current one (`m`).
    public private(set) var spectrumAllModes = false
    /// Which of `LatencyMetric.all` the latency chart and the spectrum show (`l`).
    public private(set) var latencyMetric = 0
    /// The decision matrix's assumed round trip, ms (`<` / `>` step through `WhatIfNetwork.steps`); nil: loopback, as measured.
    public private(set) var assumedRTTMillis: Double?

    public static let minBatch = 2
    public static let maxBatch = 1024

    public init(mode: InferenceMode = .cpu, batchSize: Int = 8, paused: Bool = false, themeIndex: Int = 0,
                themeCount: Int = 1, remoteAvailable: Bool = false, probePhaseSeconds: Double = 10, assumedRTTMillis: Double? = nil) {
        self.assumedRTTMillis = assumedRTTMillis
        self.mode = mode
        self.batchSize = Swift.min(Self.maxBatch, Swift.max(Self.minBatch, batchSize))
        self.paused = paused
        self.showHelp = false
        self.themeIndex = themeIndex
        self.themeCount = Swift.max(1, themeCount)
        self.remoteAvailable = remoteAvailable
        self.probePhaseNanos = UInt64(Swift.max(0.001, probePhaseSeconds) * 1e9)
    }

    /// Seconds left in the current auto-probe phase.
    public var probeSecondsLeft: Double? {
        guard let p = probe else { return nil }
        return Double(probePhaseNanos - Swift.min(probePhaseNanos, p.phaseElapsed)) / 1e9
    }

    public mutating func handle(_ key: KeyCommand, now: UInt64) -> [Action] {
        if showHelp {
            switch key {
            case .help, .escape: showHelp = false; return []
            case .quit: return [.quit]
            case .resize: return [.relayout]
            default: showHelp = false   // any other key closes help and acts
            }
        }
        if let handled = view(key) { return handled }
        switch key {
        case .quit: return [.quit]
        case .help: showHelp = true; return []
        case .escape: return []
        case .resize: return [.relayout]
        case .snapshot: return [.writeSnapshot]
        case .rttDown, .rttUp:
            let next = key == .rttUp ? WhatIfNetwork.step(up: assumedRTTMillis) : WhatIfNetwork.step(down: assumedRTTMillis)
            guard next != assumedRTTMillis else {
                return [.event("what-if network stays at \(WhatIfNetwork.label(next)) (\(WhatIfNetwork.label(nil)) to \(WhatIfNetwork.label(WhatIfNetwork.steps.last!)))")]
            }
            assumedRTTMillis = next
            return [.event(next == nil ? "what-if network off: the matrix shows the loopback measurements"
                                       : "what-if network: remote columns projected at a \(WhatIfNetwork.label(next)) round trip")]
        case .checkpoint: return [.writeCheckpoint]
        case .nextTheme:
            themeIndex = (themeIndex + 1) % themeCount
            return [.setTheme(index: themeIndex)]
        case .togglePause:
            paused.toggle()
            return [paused ? .pause : .resume]
        case .cpuOnly: return cancelProbe(restore: false) + select(.cpu)
        case .remoteSingle: return cancelProbe(restore: false) + select(.remote(batch: 1))
        case .remoteBatched: return cancelProbe(restore: false) + select(.remote(batch: batchSize))
        case .batchUp, .batchDown:
            let next = key == .batchUp ? Self.nextPowerOfTwo(above: batchSize) : Self.previousPowerOfTwo(below: batchSize)
            let clamped = Swift.min(Self.maxBatch, Swift.max(Self.minBatch, next))
            guard clamped != batchSize else { return [.event("batch size stays \(batchSize) (range \(Self.minBatch)-\(Self.maxBatch))")] }
            batchSize = clamped
            if mode.column == .remoteBatched && probe == nil { return select(.remote(batch: batchSize)) }
            return [.event("batch size \(batchSize): press b to use it")]
        case .zoomIn, .zoomOut, .focusNext, .focusPrevious, .expand, .toggleIdleThreads, .nextThreadSort,
             .toggleSpectrumModes, .nextLatencyMetric:
            return []   // handled by view(_:)
        case .autoProbe:
            if probe != nil {
                return cancelProbe(restore: true)
            }
            var modes: [InferenceMode] = [.cpu]
            if remoteAvailable { modes += [.remote(batch: 1), .remote(batch: batchSize)] }
            guard modes.count > 1 else { return [.event("auto-probe: only CPU-only is available (remote not available)")] }
            probe = Probe(modes: modes, index: 0, phaseElapsed: 0, returnTo: mode)
            lastTick = now
            let secs = Int((Double(probePhaseNanos) / 1e9).rounded())
            return [.event("auto-probe: \(modes.count) modes, \(secs)s each")] + go(modes[0])
        }
    }

    /// The keys that change only what is shown (window, focus, folding); nil for the others.
    private mutating func view(_ key: KeyCommand) -> [Action]? {
        switch key {
        case .zoomIn: window = window.shorter
        case .zoomOut: window = window.longer
        case .focusNext, .focusPrevious:
            focus = focus.next(backwards: key == .focusPrevious)
            recentFocus.removeAll { $0 == focus }
            recentFocus.insert(focus, at: 0)
        case .expand: expanded.toggle()
        case .escape where expanded: expanded = false
        case .toggleIdleThreads: showIdleThreads.toggle()
        case .nextThreadSort: threadSort = threadSort.next
        case .toggleSpectrumModes: spectrumAllModes.toggle()
        case .nextLatencyMetric: latencyMetric = (latencyMetric + 1) % LatencyMetric.all.count
        default: return nil
        }
        return []
    }

    /// The panel a shared slot shows: the focused one if it is there, else the one focused most recently.
    public func shown(in panels: [PanelID]) -> PanelID {
        recentFocus.first { panels.contains($0) } ?? panels[0]
    }

    /// Advances auto-probe by the unpaused time since the last tick.
    public mutating func tick(now: UInt64) -> [Action] {
        defer { lastTick = now }
        guard var p = probe else { return [] }
        let dt = lastTick.map { now >= $0 ? now - $0 : 0 } ?? 0
        if !paused { p.phaseElapsed += dt }
        guard p.phaseElapsed >= probePhaseNanos else { probe = p; return [] }
        if p.index + 1 < p.modes.count {
            p.index += 1
            p.phaseElapsed = 0
            probe = p
            return go(p.modes[p.index])
        }
        probe = nil
        return [.event("auto-probe done: back to \(p.returnTo)")] + go(p.returnTo)
    }

    /// The engine reports where it is; a mode changed elsewhere (e.g. at start-up) is adopted.
    public mutating func sync(engineMode: InferenceMode) {
        if probe == nil && engineMode != mode && pendingSwitch == nil { mode = engineMode }
        if pendingSwitch == engineMode { pendingSwitch = nil }
    }

    /// A switch asked for and not yet seen in a snapshot.
    public private(set) var pendingSwitch: InferenceMode?

    /// Stops auto-probe; `restore` goes back to the mode it started from (a mode key instead wins).
    private mutating func cancelProbe(restore: Bool) -> [Action] {
        guard let p = probe else { return [] }
        probe = nil
        return [.event("auto-probe cancelled")] + (restore ? go(p.returnTo) : [])
    }

    private mutating func select(_ m: InferenceMode) -> [Action] {
        if m != .cpu && !remoteAvailable { return [.event("remote inference not available: staying CPU-only")] }
        return go(m)
    }

    private mutating func go(_ m: InferenceMode) -> [Action] {
        guard m != mode else { return [] }
        mode = m
        pendingSwitch = m
        return [.switchMode(m)]
    }

    static func nextPowerOfTwo(above n: Int) -> Int {
        var p = 1
        while p <= n { p <<= 1 }
        return p
    }

    static func previousPowerOfTwo(below n: Int) -> Int {
        var p = 1
        while p * 2 < n { p <<= 1 }
        return p
    }
}
