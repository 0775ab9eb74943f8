import Engine

/// Everything one frame shows: the inputs of every panel function.
public struct ScreenModel: Sendable {
    public var snapshot: MetricsSnapshot
    public var system: SystemSample
    public var state: UIState
    public var matrix: DecisionMatrix
    /// Recent events, oldest first.
    public var events: [EventLog.Event]
    public var themeName: String
    public var remoteAvailable: Bool
    public var glyphs: Glyphs
    /// Extra lines for the help overlay (log file, CSV folder).
    public var notes: [String]
    /// The chart history's points for the current window.
    public var charts: ChartData
    /// Threads with no CPU use over the chart window (`ThreadActivity.key`), folded unless `i` shows them.
    public var idleThreads: Set<Int64>

    public init(snapshot: MetricsSnapshot, system: SystemSample, state: UIState, matrix: DecisionMatrix,
                events: [EventLog.Event], themeName: String, remoteAvailable: Bool, glyphs: Glyphs, notes: [String] = [],
                charts: ChartData? = nil, idleThreads: Set<Int64> = []) {
        self.snapshot = snapshot; self.system = system; self.state = state; self.matrix = matrix
        self.events = events; self.themeName = themeName; self.remoteAvailable = remoteAvailable
        self.glyphs = glyphs; self.notes = notes
        self.charts = charts ?? .empty(state.window)
        self.idleThreads = idleThreads
    }

    /// Short column label: "CPU-only", "Remote b1", "Remote b8".
    func shortLabel(_ c: InferenceMode.Column) -> String {
        switch c {
        case .cpu: return "CPU-only"
        case .remoteSingle: return "Remote b1"
        case .remoteBatched:
            let n = matrix.columns.first { $0.column == .remoteBatched }?.mode?.batchSize
                ?? (snapshot.currentMode.column == .remoteBatched ? snapshot.currentMode.batchSize : state.batchSize)
            return "Remote b\(n)"
        }
    }

    /// The figures shown for a matrix column: the current mode if it is in that
    /// column, else the column's representative in the matrix, else any mode of the column.
    func figures(for c: InferenceMode.Column) -> ModeFigures? {
        if snapshot.currentMode.column == c, let f = snapshot.figures(for: snapshot.currentMode) { return f }
        if let m = matrix.columns.first(where: { $0.column == c })?.mode, let f = snapshot.figures(for: m) { return f }
        return snapshot.modes.first { $0.mode.column == c }
    }

    /// "not measured yet", or "not available" for remote columns when the source reports remote inference unavailable (the xor and pole tasks).
    func absentText(_ c: InferenceMode.Column) -> String {
        (c != .cpu && !remoteAvailable) ? "not available" : "not measured yet"
    }
}
