import Engine
import Foundation

/// A simulated past for the chart history: a seeded, plausible run of `seconds`
/// ending at `end` (one sample a second, modes taking turns every 20 minutes,
/// fitness climbing). It exists to measure the monitor with a full history (a
/// day-long run) without waiting a day: `DASHBOARD_PREFILL_HISTORY=86400`.
public enum HistoryPrefill {
    /// The environment variable that asks for it, in seconds (1…2,592,000: 30 days).
    public static let environmentKey = "DASHBOARD_PREFILL_HISTORY"

    /// The seconds asked for by `environment`, nil when unset; an error message names a bad value.
    public static func seconds(from environment: [String: String]) -> Result<Double?, MonitorOptions.ValidationFailure> {
        guard let raw = environment[environmentKey], !raw.isEmpty else { return .success(nil) }
        guard let v = Double(raw), v.isFinite, v >= 1, v <= 2_592_000 else {
            return .failure(.init(description: "\(environmentKey) expects seconds 1...2592000, received \(raw.debugDescription); no history simulated"))
        }
        return .success(v)
    }

    /// Per mode: inference p50/p95/p99 (µs), match p50/p95/p99 (µs), requests/s, vectors/s, generations/s.
    static let profiles: [(mode: InferenceMode, inference: [Double], match: [Double], requests: Double, vectors: Double, gps: Double)] = [
        (.cpu, [12, 20, 35], [8_500, 12_000, 15_500], 2_000, 2_000, 0.5),
        (.remote(batch: 1), [310, 520, 900], [95_000, 130_000, 160_000], 1_000, 1_000, 0.25),
        (.remote(batch: 8), [450, 800, 1_500], [40_000, 60_000, 75_000], 250, 2_000, 0.4),
    ]

    /// Fills `history` with `seconds` of simulated run ending at `end` (engine-clock seconds).
    public static func fill(_ history: inout ChartHistory, seconds: Double, endingAt end: Double, seed: UInt64 = 1) {
        var rng = SplitMix64(seed: seed)
        let start = end - seconds
        history.start(mode: profiles[0].mode, at: start)
        var generations = 0.0, index = 0, profile = 0
        var t = start
        while t < end {
            let phase = Int((t - start) / 1200) % profiles.count
            if phase != profile {
                profile = phase
                history.recordSwitch(to: profiles[phase].mode, at: t)
            }
            let p = profiles[profile]
            func noisy(_ v: Double) -> Float { Float(v * Swift.max(0.2, 1 + 0.08 * rng.nextGaussian())) }
            var s = HistorySample(time: t)
            for (i, pct) in HistorySeries.Percentile.allCases.enumerated() {
                s[.latency(0, pct)] = noisy(p.inference[i])
                if LatencyMetric.all.count > 1 { s[.latency(1, pct)] = noisy(p.match[i]) }
            }
            s[.requestsPerSecond] = noisy(p.requests)
            s[.vectorsPerSecond] = noisy(p.vectors)
            s[.generationsPerSecond] = noisy(p.gps)
            s[.errorsPerSecond] = 0
            history.record(s)
            generations += p.gps
            while Double(index) < generations {
                history.record(generationSample(index: index, time: t, rng: &rng))
                index += 1
            }
            t += 1
        }
    }

    /// Generation `index` of the simulated run: fitness and win rate climbing towards a plateau.
    static func generationSample(index: Int, time: Double, rng: inout SplitMix64) -> HistorySample {
        let progress = 1 - exp(-Double(index) / 8_000)
        var s = HistorySample(time: time)
        s[.bestFitness] = Float(4 + 16 * progress + 0.6 * rng.nextGaussian())
        s[.meanFitness] = Float(1.5 + 5 * progress + 0.2 * rng.nextGaussian())
        s[.species] = Float(8 + Int(3 * sin(Double(index) / 400)) + rng.nextInt(below: 2))
        s[.winRate] = Float(Swift.min(1, Swift.max(0, 0.02 + 0.25 * progress + 0.03 * rng.nextGaussian())))
        s[.generation] = Float(index)
        return s
    }
}
