import Engine

/// The moment the engine started using another inference mode, as the charts mark it.
public struct ModeSwitchMark: Sendable, Equatable {
    /// Seconds on the engine's clock (the first snapshot that showed the new mode).
    public var time: Double
    public var mode: InferenceMode
    /// The first generation (a `GenerationPoint.index`) that finished after the switch was seen.
    public var generation: Int

    public init(time: Double, mode: InferenceMode, generation: Int) {
        self.time = time; self.mode = mode; self.generation = generation
    }

    /// "CPU", "b1", "b8": short enough to label a marker.
    public static func shortLabel(_ mode: InferenceMode) -> String {
        switch mode {
        case .cpu: return "CPU"
        case .remote(let n): return "b\(n)"
        }
    }
}
