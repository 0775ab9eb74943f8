/// A few repetitions of one measured figure: their mean, the 95% confidence
/// interval of the mean (Student's t), and the repetitions outside Tukey's fences.
///
/// Outliers are *reported*, never dropped: the mean and interval cover every
/// repetition, so a disturbed repetition widens the interval where a reader sees it.
///
/// ```swift
/// let s = SampleSummary([41.8, 42.0, 42.3, 41.9, 55.0])
/// s.mean            // 44.6
/// s.ci95HalfWidth   // ± over 5 repetitions, t(0.975, 4) = 2.776
/// s.outliers        // [4]: 55.0 is above Q3 + 1.5 IQR
/// ```
public struct SampleSummary: Sendable, Equatable {
    /// The repetitions, in the order measured.
    public var samples: [Double]
    public var mean: Double
    /// Sample standard deviation (n − 1 in the denominator); 0 for fewer than 2 samples.
    public var standardDeviation: Double
    /// Half-width of the 95% confidence interval of the mean; 0 for fewer than 2 samples.
    public var ci95HalfWidth: Double
    /// Indices of the samples outside [Q1 − 1.5 IQR, Q3 + 1.5 IQR] (quartiles by linear interpolation).
    public var outliers: [Int]

    public init(_ samples: [Double]) {
        self.samples = samples
        let n = samples.count
        mean = n == 0 ? 0 : samples.reduce(0, +) / Double(n)
        if n > 1 {
            let m = mean
            standardDeviation = (samples.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n - 1)).squareRoot()
            ci95HalfWidth = StudentT.quantile(0.975, degreesOfFreedom: Double(n - 1)) * standardDeviation / Double(n).squareRoot()
        } else {
            standardDeviation = 0
            ci95HalfWidth = 0
        }
        outliers = Self.tukeyOutliers(samples)
    }

    public var count: Int { samples.count }
    public var low: Double { mean - ci95HalfWidth }
    public var high: Double { mean + ci95HalfWidth }
    /// Standard error of the mean.
    public var standardError: Double { samples.count > 1 ? standardDeviation / Double(samples.count).squareRoot() : 0 }

    /// Whether the two 95% intervals share no point.
    public func intervalsDisjoint(from other: SampleSummary) -> Bool {
        high < other.low || other.high < low
    }

    /// The `q` quantile (0…1) of `sorted` by linear interpolation between order statistics.
    public static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let h = Double(sorted.count - 1) * min(1, max(0, q))
        let lo = Int(h.rounded(.down)), hi = min(sorted.count - 1, lo + 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    /// Indices of the samples beyond Tukey's fences (needs 4 samples or more: fewer have no useful quartiles).
    public static func tukeyOutliers(_ samples: [Double]) -> [Int] {
        guard samples.count >= 4 else { return [] }
        let sorted = samples.sorted()
        let q1 = quantile(sorted, 0.25), q3 = quantile(sorted, 0.75)
        let iqr = q3 - q1
        let lo = q1 - 1.5 * iqr, hi = q3 + 1.5 * iqr
        return samples.indices.filter { samples[$0] < lo || samples[$0] > hi }
    }
}

/// Written with every derived figure (for readers of the file); read back from the
/// samples alone, so that a file's mean, interval and outliers always agree with its
/// samples. A sample that is not a finite number is refused, naming its index.
extension SampleSummary: Codable {
    enum CodingKeys: String, CodingKey {
        case samples, mean, standardDeviation = "standard_deviation", ci95HalfWidth = "ci95_half_width"
        case low = "ci95_low", high = "ci95_high", outliers
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let samples = try c.decode([Double].self, forKey: .samples)
        if let bad = samples.firstIndex(where: { !$0.isFinite }) {
            throw DecodingError.dataCorruptedError(forKey: .samples, in: c, debugDescription: "sample \(bad) is \(samples[bad]), not a finite number")
        }
        self.init(samples)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(samples, forKey: .samples)
        try c.encode(mean, forKey: .mean)
        try c.encode(standardDeviation, forKey: .standardDeviation)
        try c.encode(ci95HalfWidth, forKey: .ci95HalfWidth)
        try c.encode(low, forKey: .low)
        try c.encode(high, forKey: .high)
        try c.encode(outliers, forKey: .outliers)
    }
}
