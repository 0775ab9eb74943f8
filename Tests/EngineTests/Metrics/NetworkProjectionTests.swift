import Testing
@testable import Engine

@Suite struct NetworkProjectionTests {
    @Test func eachWaveOfATickWaitsOneRoundTrip() throws {
        // 2 workers, 1,000 ticks each per generation, 10 requests per tick, 4 in flight: 3 waves.
        let p = try #require(NetworkProjection.project(ticks: 2_000, requests: 20_000, generations: 1, generationsPerSecond: 2,
                                                       workers: 2, inFlight: 4, rttSeconds: 0.001))
        #expect(abs(p.addedSecondsPerGeneration - 3.0) < 1e-9)   // 1,000 × 3 × 1 ms
        #expect(abs(p.generationsPerSecond - 1 / 3.5) < 1e-9)
        #expect(abs(p.requestsPerSecond - 20_000 / 3.5) < 1e-6)
    }

    @Test func loopbackIsTheMeasurement() throws {
        let p = try #require(NetworkProjection.project(ticks: 10, requests: 10, generations: 2, generationsPerSecond: 1.5,
                                                       workers: 1, inFlight: 1, rttSeconds: 0))
        #expect(p.generationsPerSecond == 1.5 && p.requestsPerSecond == 7.5)
    }

    @Test func nothingMeasuredProjectsNothing() {
        #expect(NetworkProjection.project(ticks: 0, requests: 0, generations: 0, generationsPerSecond: 0, workers: 1, inFlight: 1, rttSeconds: 0.001) == nil)
    }
}
