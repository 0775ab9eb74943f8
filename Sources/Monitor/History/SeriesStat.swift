/// Minimum, maximum and mean of the samples of one series in one bucket.
///
/// 16 bytes: the history keeps one per series per bucket, so its size is what
/// bounds the history's memory.
struct SeriesStat: Sendable, Equatable {
    var min: Float = .infinity
    var max: Float = -.infinity
    var mean: Float = 0
    var count: UInt32 = 0

    static let empty = SeriesStat()

    var isEmpty: Bool { count == 0 }

    mutating func add(_ v: Float) {
        guard v.isFinite else { return }
        merge(SeriesStat(min: v, max: v, mean: v, count: 1))
    }

    /// Both buckets' samples together; the mean is weighted by count (in Double, so
    /// a bucket of a million samples keeps its precision).
    mutating func merge(_ o: SeriesStat) {
        guard o.count > 0 else { return }
        guard count > 0 else { self = o; return }
        let n = Double(count) + Double(o.count)
        mean = Float((Double(mean) * Double(count) + Double(o.mean) * Double(o.count)) / n)
        min = Swift.min(min, o.min)
        max = Swift.max(max, o.max)
        count = count &+ o.count
    }
}
