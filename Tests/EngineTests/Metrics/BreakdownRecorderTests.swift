import Testing
@testable import Engine

@Suite struct BreakdownRecorderTests {
    func request(_ rt: UInt64, enc: UInt64, dec: UInt64, server: (UInt64, UInt64, UInt64, UInt64)?) -> RequestBreakdown {
        RequestBreakdown(roundTripNanos: rt, clientEncodeNanos: enc, clientDecodeNanos: dec, server: server)
    }

    @Test func wireIsTheRoundTripLessEverythingMeasured() {
        let b = request(100_000, enc: 5_000, dec: 3_000, server: (2_000, 1_000, 20_000, 4_000))
        #expect(b.serverNanos == 27_000)
        #expect(b.wireNanos == 65_000)
        #expect(BreakdownPart.allCases.reduce(0) { $0 + b.nanos($1) } == 100_000)
        // A server claiming more than the round trip leaves no wire time, never a negative one.
        #expect(request(10_000, enc: 1_000, dec: 1_000, server: (0, 0, 20_000, 0)).wireNanos == 0)
    }

    @Test func meansAreExactAndOnlyTimedAnswersCount() throws {
        var r = BreakdownRecorder()
        #expect(r.figures == nil)
        r.record(request(100_000, enc: 5_000, dec: 3_000, server: (2_000, 1_000, 20_000, 4_000)))
        r.record(request(300_000, enc: 7_000, dec: 5_000, server: (2_000, 3_000, 40_000, 6_000)))
        r.record(request(900_000, enc: 1, dec: 1, server: nil))
        let f = try #require(r.figures)
        #expect(f.requests == 2)
        #expect(f.meanRoundTripMicros == 200)
        #expect(f[.clientEncode].mean == 6)
        #expect(f[.serverCompute].mean == 30)
        #expect(f[.wire].mean == (65 + 237) / 2)
        #expect(f.serverMeanMicros == 39)
        #expect(f[.serverCompute].p99 >= 39 && f[.serverCompute].p99 <= 41)
        #expect(f.meanMicrosByPart.map(\.part.rawValue) == ["client_encode", "wire", "server_decode", "server_queue",
                                                             "server_compute", "server_encode", "client_decode"])
    }

    @Test func theSnapshotCarriesARemoteModesBreakdown() throws {
        let m = MetricsRecorder(workers: 1, mode: .remote(batch: 8), task: "t", clock: ManualClock())
        let mode = m.recorder(for: .remote(batch: 8))
        #expect(m.snapshot().figures(for: .remote(batch: 8))?.breakdown == nil)
        mode.recordBreakdown(request(50_000, enc: 1_000, dec: 1_000, server: (1_000, 0, 10_000, 1_000)))
        let b = try #require(m.snapshot().figures(for: .remote(batch: 8))?.breakdown)
        #expect(b.requests == 1 && b[.wire].mean == 36)
    }
}
