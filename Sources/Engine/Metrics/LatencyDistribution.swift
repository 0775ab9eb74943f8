import Histogram

/// A latency histogram as ascending (value, count) pairs in nanoseconds: what the
/// monitor needs to draw a percentile spectrum, and to take the percentiles of the
/// interval between two snapshots (the later distribution minus the earlier one).
///
/// Each value is the highest value equivalent to one non-empty HdrHistogram bucket
/// (2 significant digits), so `value(atPercentile:)` follows the histogram's own
/// `valueAtPercentile` rule: the smallest value with at least ⌈p% × count⌉ samples
/// at or below it. Only non-empty buckets are kept (a few hundred at most).
///
/// ```swift
/// let interval = now.inferenceDistribution.subtracting(before.inferenceDistribution)
/// let p99 = interval.value(atPercentile: 99)   // ns, of the calls between the two snapshots
/// ```
public struct LatencyDistribution: Sendable, Equatable {
    /// Bucket values (ns), strictly ascending.
    public private(set) var values: [UInt64]
    /// Samples per bucket, same length as `values`, none zero.
    public private(set) var counts: [UInt64]
    public private(set) var totalCount: UInt64

    public init() { values = []; counts = []; totalCount = 0 }

    /// A distribution from pairs; zero counts are dropped.
    /// - Precondition: `values` strictly ascending, as many as `counts`.
    public init(values: [UInt64], counts: [UInt64]) {
        precondition(values.count == counts.count, "values and counts differ in length")
        precondition(zip(values, values.dropFirst()).allSatisfy { $0 < $1 }, "values must be strictly ascending")
        self.values = []; self.counts = []; totalCount = 0
        for (v, c) in zip(values, counts) where c > 0 { append(v, c) }
    }

    init(_ h: LatencyHistogram) {
        values = []; counts = []; totalCount = 0
        guard h.totalCount > 0 else { return }
        for iv in h.recordedValues() { append(iv.value, UInt64(iv.count)) }
    }

    public var isEmpty: Bool { totalCount == 0 }

    private mutating func append(_ v: UInt64, _ c: UInt64) {
        values.append(v); counts.append(c); totalCount += c
    }

    /// The value (ns) at percentile `p` (0…100); 0 when empty.
    public func value(atPercentile p: Double) -> UInt64 {
        guard totalCount > 0 else { return 0 }
        guard p > 0 else { return values[0] }
        guard p < 100 else { return values[values.count - 1] }
        let rank = Swift.max(1, UInt64((p.nextDown * Double(totalCount) / 100).rounded(.up)))
        var seen: UInt64 = 0
        for i in values.indices {
            seen += counts[i]
            if seen >= rank { return values[i] }
        }
        return values[values.count - 1]
    }

    /// The samples recorded since `earlier` was taken (histograms only grow, so
    /// every bucket of `earlier` is in `self` with at most its count).
    public func subtracting(_ earlier: LatencyDistribution) -> LatencyDistribution {
        guard earlier.totalCount > 0 else { return self }
        var out = LatencyDistribution()
        var j = 0
        for i in values.indices {
            while j < earlier.values.count && earlier.values[j] < values[i] { j += 1 }
            let before = (j < earlier.values.count && earlier.values[j] == values[i]) ? earlier.counts[j] : 0
            if counts[i] > before { out.append(values[i], counts[i] - before) }
        }
        return out
    }

    /// Both distributions' samples together.
    public func adding(_ other: LatencyDistribution) -> LatencyDistribution {
        guard other.totalCount > 0 else { return self }
        guard totalCount > 0 else { return other }
        var out = LatencyDistribution()
        var i = 0, j = 0
        while i < values.count || j < other.values.count {
            if j >= other.values.count || (i < values.count && values[i] < other.values[j]) {
                out.append(values[i], counts[i]); i += 1
            } else if i >= values.count || other.values[j] < values[i] {
                out.append(other.values[j], other.counts[j]); j += 1
            } else {
                out.append(values[i], counts[i] + other.counts[j]); i += 1; j += 1
            }
        }
        return out
    }
}
