import Engine

/// One point of a chart: a bucket's statistics of one series.
public struct ChartPoint: Sendable, Equatable {
    /// Seconds on the engine clock for time series; the mean generation index for per-generation series.
    public var x: Double
    public var mean: Double
    public var min: Double
    public var max: Double
    /// Whether a line joins it to the previous point (false after a gap: paused, no calls).
    public var connected: Bool

    public init(x: Double, mean: Double, min: Double, max: Double, connected: Bool) {
        self.x = x; self.mean = mean; self.min = min; self.max = max; self.connected = connected
    }
}

/// What the charts draw for one window: every series' points, the mode switches in
/// it, and the time range. Extracted from `ChartHistory` once per frame; panels are
/// pure functions of it.
public struct ChartData: Sendable, Equatable {
    public var window: ChartWindow
    /// The time range shown, seconds on the engine clock; `start` may precede the first sample.
    public var start: Double
    public var end: Double
    /// The width of the buckets the points come from (1 s, 10 s, 60 s or more).
    public var bucketSeconds: Double
    /// Points per `HistorySeries.index`, oldest first.
    public var series: [[ChartPoint]]
    /// Mode switches inside the range, oldest first.
    public var marks: [ModeSwitchMark]
    /// The mode in effect at `start`.
    public var modeAtStart: InferenceMode?

    public init(window: ChartWindow, start: Double, end: Double, bucketSeconds: Double, series: [[ChartPoint]],
                marks: [ModeSwitchMark], modeAtStart: InferenceMode?) {
        self.window = window; self.start = start; self.end = end; self.bucketSeconds = bucketSeconds
        self.series = series; self.marks = marks; self.modeAtStart = modeAtStart
    }

    /// Nothing recorded yet.
    public static func empty(_ window: ChartWindow) -> ChartData {
        ChartData(window: window, start: 0, end: window.seconds ?? 1, bucketSeconds: 1,
                  series: Array(repeating: [], count: HistorySeries.count), marks: [], modeAtStart: nil)
    }

    public func points(_ s: HistorySeries) -> [ChartPoint] { series[s.index] }

    /// The newest value of a series in the window.
    public func latest(_ s: HistorySeries) -> Double? { series[s.index].last?.mean }

    /// The largest sample of a series in the window.
    public func peak(_ s: HistorySeries) -> Double? { series[s.index].map(\.max).max() }
}
