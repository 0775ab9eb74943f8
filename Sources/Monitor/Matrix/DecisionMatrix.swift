import Engine

/// The guide's decision matrix, scored from measured figures.
///
/// Factors and weights: latency 40%, throughput 30%, resource usage 20%,
/// complexity 10%. Each measured column gets 1–5 stars per factor:
///
///     stars = 1 + round(4 × r),  r ∈ (0, 1] the column's figure relative to the best measured column
///
/// - latency: r = best p99 / this p99, µs: per HTTP request for remote columns (send to last byte),
///   per inference call for CPU-only (one call per worker tick); see `latencyP99`
/// - throughput: r = this / best, on generations per second (vectors per second when no generation finished)
/// - resource: r = mean of (best CPU s per generation / this) and (best peak RSS / this), over those measured
///   (3 stars when neither is known)
/// - complexity: fixed, not measurable: CPU-only 5, Remote (batch 1) 3, Remote (batch N) 2, as in the guide.
///
/// The weighted score is Σ weight × stars (0–5). The recommended column is the
/// measured one with the highest score; ties go to the simpler column.
/// A column whose modes never ran is "not measured yet" and has no stars.
public struct DecisionMatrix: Sendable, Equatable {
    public enum Factor: String, Sendable, CaseIterable {
        case latency = "Latency", throughput = "Throughput", resource = "Resource usage", complexity = "Complexity"

        public var weight: Double {
            switch self {
            case .latency: return 0.4
            case .throughput: return 0.3
            case .resource: return 0.2
            case .complexity: return 0.1
            }
        }

        /// At most 10 characters, for the matrix panel.
        public var shortName: String { self == .resource ? "Resources" : rawValue }

        /// The CSV/metric name.
        public var key: String {
            switch self {
            case .latency: return "latency"
            case .throughput: return "throughput"
            case .resource: return "resource"
            case .complexity: return "complexity"
            }
        }
    }

    /// One column of the matrix.
    public struct Column: Sendable, Equatable {
        public var column: InferenceMode.Column
        /// The measured mode that represents the column (for Remote (batch N): the batch size with the best
        /// generations per second), nil when not measured yet.
        public var mode: InferenceMode?
        /// Stars per factor, in `Factor.allCases` order; empty when not measured.
        public var stars: [Int]
        public var score: Double?
        /// With a what-if network: the figures the column was scored on, projected; nil when measured as is.
        public var projected: ModeFigures? = nil
        public var isMeasured: Bool { mode != nil }
        public var isProjected: Bool { projected != nil }

        public func stars(for factor: Factor) -> Int? {
            guard let i = Factor.allCases.firstIndex(of: factor), i < stars.count else { return nil }
            return stars[i]
        }
    }

    public var columns: [Column]
    public var recommended: InferenceMode.Column?
    /// The what-if network the remote columns were projected to, if any.
    public var network: WhatIfNetwork?

    public static func complexityStars(_ c: InferenceMode.Column) -> Int {
        switch c {
        case .cpu: return 5
        case .remoteSingle: return 3
        case .remoteBatched: return 2
        }
    }

    /// 1 + round(4r), r clamped to [0, 1].
    public static func stars(ratio r: Double) -> Int {
        guard r.isFinite else { return 1 }
        return 1 + Int((4 * Swift.min(1, Swift.max(0, r))).rounded())
    }

    /// A mode counts as measured once it made inference calls during some active time.
    /// The p99 the latency factor compares: a remote mode's per-request p99 (one
    /// HTTP request, what a service's latency is), CPU-only's per-call p99 (its
    /// unit of work: one call evaluates a worker's tick in-process). A remote mode
    /// with no request measured yet falls back to its per-tick p99.
    public static func latencyP99(_ f: ModeFigures) -> Double {
        if let r = f.requestLatency, r.count > 0 { return r.p99 }
        return f.inference.p99
    }

    public static func isMeasured(_ f: ModeFigures) -> Bool { f.inference.count > 0 && f.activeSeconds > 0 }

    private static func throughput(_ f: ModeFigures) -> Double {
        f.generations > 0 ? f.generationsPerSecond : f.vectorsPerSecond
    }

    /// Scores the measured figures, the remote ones projected to `network` when given
    /// (`WhatIfNetwork`; a mode that cannot be projected yet is scored as measured).
    /// Pure: same figures, same matrix.
    public init(figures measured: [ModeFigures], network: WhatIfNetwork? = nil) {
        self.network = network
        var projectedModes = Set<InferenceMode>()
        let figures = measured.map { f -> ModeFigures in
            guard let n = network, let p = n.project(f) else { return f }
            projectedModes.insert(f.mode)
            return p
        }
        var reps: [InferenceMode.Column: ModeFigures] = [:]
        for f in figures where Self.isMeasured(f) {
            let c = f.mode.column
            if let cur = reps[c] {
                // Prefer the faster configuration; on a tie the one measured longer.
                let a = Self.throughput(f), b = Self.throughput(cur)
                if a > b || (a == b && f.activeSeconds > cur.activeSeconds) { reps[c] = f }
            } else {
                reps[c] = f
            }
        }
        let measured = Array(reps.values)
        // Throughput is compared on generations/s only when every measured column finished a generation.
        let useGenerations = measured.allSatisfy { $0.generations > 0 }
        func tp(_ f: ModeFigures) -> Double { useGenerations ? f.generationsPerSecond : f.vectorsPerSecond }

        let bestP99 = measured.map(Self.latencyP99).filter { $0 > 0 }.min()
        let bestTP = measured.map(tp).max() ?? 0
        let bestCPU = measured.compactMap(\.cpuSecondsPerGeneration).filter { $0 > 0 }.min()
        let bestRSS = measured.compactMap(\.peakRSSBytes).filter { $0 > 0 }.min()

        var cols: [Column] = []
        for c in InferenceMode.Column.allCases {
            guard let f = reps[c] else { cols.append(Column(column: c, mode: nil, stars: [], score: nil)); continue }
            let lat: Int = {
                let p99 = Self.latencyP99(f)
                guard let b = bestP99, p99 > 0 else { return 5 }
                return Self.stars(ratio: b / p99)
            }()
            let thr = bestTP > 0 ? Self.stars(ratio: tp(f) / bestTP) : 5
            var parts: [Double] = []
            if let b = bestCPU, let v = f.cpuSecondsPerGeneration, v > 0 { parts.append(b / v) }
            if let b = bestRSS, let v = f.peakRSSBytes, v > 0 { parts.append(Double(b) / Double(v)) }
            let res = parts.isEmpty ? 3 : Self.stars(ratio: parts.reduce(0, +) / Double(parts.count))
            let cx = Self.complexityStars(c)
            let stars = [lat, thr, res, cx]
            let score = zip(Factor.allCases, stars).reduce(0.0) { $0 + $1.0.weight * Double($1.1) }
            cols.append(Column(column: c, mode: f.mode, stars: stars, score: score, projected: projectedModes.contains(f.mode) ? f : nil))
        }
        columns = cols
        // Columns are in simplicity order, so a strict > keeps the simpler one on ties.
        var best: Column?
        for col in cols {
            guard let s = col.score else { continue }
            if best == nil || s > best!.score! + 1e-9 { best = col }
        }
        recommended = best?.column
    }
}
