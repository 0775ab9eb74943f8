/// One finished generation's figures: what the monitor draws its training curves from.
public struct GenerationPoint: Sendable, Equatable {
    /// Generations finished before this one since the recorder started: 0, 1, 2, …
    /// It keeps counting when a task restarts its population (XOR and pole start a
    /// new run once solved), so it orders points where `generation` repeats.
    public var index: Int
    /// The population's own generation number (0 for the first of a run).
    public var generation: Int
    /// When it finished, ns on the recorder's clock (the clock of `MetricsSnapshot.takenAt`).
    public var finishedAt: UInt64
    public var bestFitness: Double
    public var meanFitness: Double
    public var speciesCount: Int
    /// The champion's win rate against the reference bot (duel only).
    public var championWinRate: Double?
    /// The inference mode the generation was played in.
    public var mode: InferenceMode

    public init(index: Int, generation: Int, finishedAt: UInt64, bestFitness: Double, meanFitness: Double,
                speciesCount: Int, championWinRate: Double?, mode: InferenceMode) {
        self.index = index; self.generation = generation; self.finishedAt = finishedAt
        self.bestFitness = bestFitness; self.meanFitness = meanFitness; self.speciesCount = speciesCount
        self.championWinRate = championWinRate; self.mode = mode
    }
}

/// The most recent generation points in a fixed ring: pushing never shifts or grows
/// (the training thread pushes once per generation, thousands of times a second for XOR).
struct GenerationRing: Sendable {
    private var items: [GenerationPoint] = []
    private var next = 0
    let capacity: Int

    init(capacity: Int) {
        self.capacity = Swift.max(1, capacity)
        items.reserveCapacity(self.capacity)
    }

    mutating func push(_ p: GenerationPoint) {
        if items.count < capacity { items.append(p) } else { items[next] = p }
        next = (next + 1) % capacity
    }

    /// Oldest first.
    var ordered: [GenerationPoint] {
        items.count < capacity ? items : Array(items[next...] + items[..<next])
    }
}
