/// Buckets of one width (say 1 s) holding every series' statistics, in fixed storage.
///
/// A rolling tier keeps its newest `capacity` buckets and drops the oldest. A
/// compacting tier never drops: when full it merges neighbouring buckets and
/// doubles its width, so it always covers the whole run in at most `capacity`
/// buckets. Either way the storage is allocated once, in `init`.
struct HistoryTier: Sendable {
    private(set) var width: Double
    let capacity: Int
    let compacts: Bool
    let seriesCount: Int
    /// Bucket keys, floor(time / width), oldest first from `head`.
    private var keys: [Int64]
    /// `capacity` × `seriesCount` statistics; bucket b's series s is at b × seriesCount + s.
    private var stats: [SeriesStat]
    private var head = 0
    private(set) var count = 0

    init(width: Double, capacity: Int, compacts: Bool, seriesCount: Int = HistorySeries.count) {
        precondition(width > 0 && capacity >= 2, "a tier needs a positive width and room for two buckets")
        self.width = width; self.capacity = capacity; self.compacts = compacts; self.seriesCount = seriesCount
        keys = Array(repeating: 0, count: capacity)
        stats = Array(repeating: .empty, count: capacity * seriesCount)
    }

    /// Bytes of bucket storage, fixed at creation.
    static func storageBytes(capacity: Int, seriesCount: Int = HistorySeries.count) -> Int {
        capacity * (MemoryLayout<Int64>.stride + seriesCount * MemoryLayout<SeriesStat>.stride)
    }

    private func slot(_ i: Int) -> Int { (head + i) % capacity }

    /// The start time of the oldest bucket, nil when empty.
    var oldestStart: Double? { count > 0 ? Double(keys[head]) * width : nil }

    /// Start time of bucket `i` (0 = oldest).
    func start(_ i: Int) -> Double { Double(keys[slot(i)]) * width }

    /// Series `s` of bucket `i` (0 = oldest).
    func stat(_ i: Int, _ s: Int) -> SeriesStat { stats[slot(i) * seriesCount + s] }

    /// Adds every value of `sample` to the bucket of its time.
    mutating func add(_ sample: HistorySample) {
        let b = bucket(for: sample.time) * seriesCount
        for (s, v) in sample.values.enumerated() where !v.isNaN { stats[b + s].add(v) }
    }

    /// The storage slot of the bucket for `time`, opened if needed. A time a little
    /// older than the newest bucket (a generation that finished just before the
    /// snapshot that first carried it) goes to its bucket if it is one of the last
    /// four, else to the newest: buckets stay in time order.
    private mutating func bucket(for time: Double) -> Int {
        let k = Int64((time / width).rounded(.down))
        if count > 0 {
            let newest = slot(count - 1)
            if keys[newest] == k { return newest }
            if keys[newest] > k {
                for i in stride(from: count - 2, through: Swift.max(0, count - 4), by: -1) where keys[slot(i)] == k { return slot(i) }
                return newest
            }
        }
        if count == capacity {
            if compacts {
                compact()
                return bucket(for: time)
            }
            head = (head + 1) % capacity
            count -= 1
        }
        let s = slot(count)
        keys[s] = k
        for i in (s * seriesCount)..<((s + 1) * seriesCount) { stats[i] = .empty }
        count += 1
        return s
    }

    /// Doubles the width, merging each pair of buckets that now share a key (compacting tiers never drop, so head is 0).
    private mutating func compact() {
        width *= 2
        var w = 0
        for r in 0..<count {
            let nk = keys[r] >> 1   // floor division by two, negative keys too
            if w > 0 && keys[w - 1] == nk {
                for s in 0..<seriesCount { stats[(w - 1) * seriesCount + s].merge(stats[r * seriesCount + s]) }
            } else {
                keys[w] = nk
                if w != r { for s in 0..<seriesCount { stats[w * seriesCount + s] = stats[r * seriesCount + s] } }
                w += 1
            }
        }
        for i in (w * seriesCount)..<(count * seriesCount) { stats[i] = .empty }
        count = w
    }
}
