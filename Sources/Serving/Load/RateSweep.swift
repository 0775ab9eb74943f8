/// Finds the highest load a server holds within a latency objective: a pure
/// state machine that proposes the next level to run (a request rate, or a
/// number of connections in closed loop) and learns from each run's result.
///
/// It doubles the level while runs hold, then bisects between the highest level
/// that held and the lowest that did not, `refinements` times. When the first
/// level already fails it halves downwards until one holds. A run holds when
/// its p99 is within the objective and at most 0.1% of its requests failed
/// (a server that answers errors fast has not held anything).
///
/// ```swift
/// var sweep = RateSweep(start: 500, sloMicros: 10_000)
/// while let rate = sweep.next {
///     let r = run(rate)
///     sweep.record(p99Micros: r.p99, requests: r.requests, errors: r.errors)
/// }
/// sweep.best   // the highest level that held, with its figures
/// ```
public struct RateSweep: Sendable {
    /// One run of the sweep.
    public struct Step: Sendable, Equatable {
        public var level: Double
        public var p99Micros: UInt64
        public var requests: UInt64
        public var errors: UInt64
        public var held: Bool
    }

    private enum Phase: Sendable { case growing, descending, refining(left: Int), done }

    public let sloMicros: UInt64
    /// Levels are whole numbers (connections) rather than rates.
    public let integral: Bool
    public let maxSteps: Int
    /// Steps are never proposed above this level.
    public let ceiling: Double
    public private(set) var steps: [Step] = []
    /// The level to run next; nil when the sweep is over.
    public private(set) var next: Double?
    private var phase = Phase.growing
    private let refinements: Int
    private var lowestFailed: Double?

    /// - Parameters:
    ///   - start: the first level (a rate in requests/s, or connections).
    ///   - refinements: bisection steps after the first level that fails.
    ///   - maxSteps: the most runs, whatever happens.
    public init(start: Double, sloMicros: UInt64, integral: Bool = false, refinements: Int = 3, maxSteps: Int = 16,
                ceiling: Double = 10_000_000) {
        self.sloMicros = sloMicros
        self.integral = integral
        self.refinements = max(0, refinements)
        self.maxSteps = max(1, maxSteps)
        self.ceiling = ceiling
        next = integral ? max(1, start.rounded()) : start
    }

    /// Whether a run with these figures held the objective.
    public func holds(p99Micros: UInt64, requests: UInt64, errors: UInt64) -> Bool {
        requests > 0 && p99Micros <= sloMicros && errors * 1000 <= requests
    }

    /// The highest level that held, with its figures.
    public var best: Step? { steps.filter(\.held).max { $0.level < $1.level } }

    /// Records the result of running `next` and decides the level after it.
    public mutating func record(p99Micros: UInt64, requests: UInt64, errors: UInt64) {
        guard let level = next else { return }
        let held = holds(p99Micros: p99Micros, requests: requests, errors: errors)
        steps.append(Step(level: level, p99Micros: p99Micros, requests: requests, errors: errors, held: held))
        if !held { lowestFailed = min(lowestFailed ?? level, level) }
        next = steps.count >= maxSteps ? nil : proposal(after: level, held: held)
        if next == nil { phase = .done }
    }

    private mutating func proposal(after level: Double, held: Bool) -> Double? {
        switch phase {
        case .done:
            return nil
        case .growing:
            if held {
                let up = integral ? max(level + 1, (level * 2).rounded()) : level * 2
                return up <= ceiling ? up : nil
            }
            if best == nil {
                phase = .descending
                let down = integral ? (level / 2).rounded(.down) : level / 2
                return down >= 1 ? down : nil
            }
            phase = .refining(left: refinements)
            return bisect()
        case .descending:
            if held {
                phase = .refining(left: refinements)
                return bisect()
            }
            let down = integral ? (level / 2).rounded(.down) : level / 2
            return down >= 1 ? down : nil
        case .refining:
            return bisect()
        }
    }

    /// The middle of the highest held and lowest failed levels, while refinements are left.
    private mutating func bisect() -> Double? {
        guard case .refining(let left) = phase, left > 0, let lo = best?.level, let hi = lowestFailed else { return nil }
        phase = .refining(left: left - 1)
        let mid = integral ? ((lo + hi) / 2).rounded(.down) : (lo + hi) / 2
        return mid > lo && mid < hi ? mid : nil
    }
}
