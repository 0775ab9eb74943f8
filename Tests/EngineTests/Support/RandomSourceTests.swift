import Testing
@testable import Engine

@Suite struct RandomSourceTests {
    /// Standard normal CDF (Abramowitz–Stegun 26.2.17, absolute error below 7.5e-8).
    static func phi(_ x: Double) -> Double {
        let t = 1 / (1 + 0.2316419 * abs(x))
        let d = 0.3989422804014327 * _exp(-x * x / 2)
        let p = d * t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))))
        return x >= 0 ? 1 - p : p
    }

    @Test func gaussianMomentsTailsAndShape() {
        var rng = Xoshiro256(seed: 7)
        let n = 200_000
        var xs = [Double](); xs.reserveCapacity(n)
        for _ in 0..<n { xs.append(rng.nextGaussian()) }
        let mean = xs.reduce(0, +) / Double(n)
        let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
        // Standard errors: mean 1/√n ≈ 0.0022, variance √(2/n) ≈ 0.0032.
        #expect(abs(mean) < 0.012)
        #expect(abs(variance - 1) < 0.016)
        // Beyond R = 3.654 (the ziggurat's tail) and beyond 3 on both sides.
        let beyond3 = Double(xs.count(where: { abs($0) > 3 })) / Double(n), expected3 = 2 * Self.phi(-3)
        #expect(abs(beyond3 - expected3) < 0.0008)
        let tail = xs.count(where: { abs($0) > 3.6541528853610088 })
        #expect(tail > 10 && tail < 80)  // expected ≈ 2 Φ(−3.654) n ≈ 52
        // Kolmogorov–Smirnov against Φ (critical value at 0.1%: 1.95/√n ≈ 0.0044).
        xs.sort()
        var d = 0.0
        for (i, x) in xs.enumerated() { d = max(d, abs(Double(i + 1) / Double(n) - Self.phi(x))) }
        #expect(d < 0.0044)
    }

    @Test func gaussianIsDeterministicPerSeed() {
        var a = Xoshiro256(seed: 3), b = Xoshiro256(seed: 3)
        let x = (0..<1000).map { _ in a.nextGaussian() }, y = (0..<1000).map { _ in b.nextGaussian() }
        #expect(x == y)
        #expect(Set(x).count > 990)
    }
}
