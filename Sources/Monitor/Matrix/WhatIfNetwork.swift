import Engine

/// The decision matrix's what-if network: the remote columns as they would be a
/// network round trip away, projected from what was measured here.
///
/// The projection is `NetworkProjection` (the one `train --assume-rtt` prints):
/// each wave of a tick's requests waits one more round trip, so generations/s,
/// requests/s and vectors/s fall by the same factor, and every request's latency
/// (and the round trip's wire part) grows by the RTT. CPU seconds and memory per
/// generation stay: waiting costs neither. CPU-only is not projected.
public struct WhatIfNetwork: Sendable, Equatable {
    /// The assumed round trip, milliseconds.
    public var rttMillis: Double
    /// Worker threads (each keeps `inFlight` requests in flight).
    public var workers: Int
    /// Requests a worker keeps in flight (`--concurrency`).
    public var inFlight: Int

    public init(rttMillis: Double, workers: Int, inFlight: Int) {
        self.rttMillis = rttMillis; self.workers = workers; self.inFlight = inFlight
    }

    /// The round trips `<` and `>` step through (nil: loopback, as measured): a rack,
    /// a data centre, regions apart.
    public static let steps: [Double?] = [nil, 0.2, 0.5, 1, 2, 5, 20]

    /// The step after `rtt` (`>`); the last step stays.
    public static func step(up rtt: Double?) -> Double? {
        guard let r = rtt else { return steps[1] }
        return steps.compactMap { $0 }.first { $0 > r + 1e-9 } ?? r
    }

    /// The step before `rtt` (`<`); from the first step, loopback.
    public static func step(down rtt: Double?) -> Double? {
        guard let r = rtt else { return nil }
        return steps.compactMap { $0 }.last { $0 < r - 1e-9 }
    }

    /// `loopback`, `0.2 ms`, `1 ms`, `20 ms`.
    public static func label(_ rtt: Double?) -> String {
        guard let r = rtt else { return "loopback" }
        let whole = r.rounded()
        return (abs(r - whole) < 1e-9 ? String(Int(whole)) : Format.fixed(r, r < 1 ? 2 : 1).trimmingZeros) + " ms"
    }

    /// The figures a remote mode would show at this round trip; nil for CPU-only and
    /// before a generation finished (the projection needs one).
    public func project(_ f: ModeFigures) -> ModeFigures? {
        guard case .remote = f.mode else { return nil }
        guard let p = NetworkProjection.project(ticks: f.inference.count, requests: f.requests, generations: f.generations,
                                                generationsPerSecond: f.generationsPerSecond, workers: workers, inFlight: inFlight,
                                                rttSeconds: rttMillis / 1000), p.generationsPerSecond > 0 else { return nil }
        var g = f
        // Rates are counts over active time: stretching the time projects all of them at once.
        g.activeSeconds = Double(f.generations) / p.generationsPerSecond
        let us = rttMillis * 1000
        func later(_ l: LatencySummary) -> LatencySummary {
            LatencySummary(count: l.count, p50: l.p50 + us, p95: l.p95 + us, p99: l.p99 + us, max: l.max + us, mean: l.mean + us)
        }
        g.requestLatency = f.requestLatency.map(later)
        g.inference = later(f.inference)
        if var b = f.breakdown {
            let wire = BreakdownPart.allCases.firstIndex(of: .wire)!
            if wire < b.parts.count { b.parts[wire] = later(b.parts[wire]) }
            b.meanRoundTripMicros += us
            g.breakdown = b
        }
        return g
    }
}

extension String {
    /// `0.50` → `0.5`, `2.0` → `2`.
    var trimmingZeros: String {
        guard contains(".") else { return self }
        var s = Substring(self)
        while s.last == "0" { s = s.dropLast() }
        if s.last == "." { s = s.dropLast() }
        return String(s)
    }
}
