import Testing
@testable import Wire

@Suite struct ServerTimingHeaderTests {
    func parse(_ s: String) -> ServerTimingHeader? {
        Array(s.utf8).withUnsafeBytes { ServerTimingHeader.parse($0) }
    }

    @Test func readsTheFourPartsInMilliseconds() {
        let t = parse("decode;dur=0.112, queue;dur=0.000, compute;dur=0.087, encode;dur=0.019")
        #expect(t == ServerTimingHeader(decodeNanos: 112_000, queueNanos: 0, computeNanos: 87_000, encodeNanos: 19_000))
        #expect(t?.totalNanos == 218_000)
    }

    @Test func skipsOtherMetricsParametersAndQuotedCommas() {
        let t = parse(#"cache;desc="Cache, Read";dur=23.2 , COMPUTE ; desc="a \"b, c\"" ; dur = 1.5,db;dur=53,queue;dur=2"#)
        #expect(t == ServerTimingHeader(queueNanos: 2_000_000, computeNanos: 1_500_000))
    }

    @Test func wholeMillisecondsAndSubNanosecondDigits() {
        #expect(parse("compute;dur=12")?.computeNanos == 12_000_000)
        #expect(parse("compute;dur=.5")?.computeNanos == 500_000)
        #expect(parse("compute;dur=0.0000019")?.computeNanos == 1)
    }

    @Test(arguments: ["", "compute", "compute;desc=x", "compute;dur=-1", "compute;dur=1e3", "compute;dur=",
                      "compute;dur=1.2.3", "compute;dur=99999999999", "total;dur=5", ",,;;=="])
    func refusesWhatIsNotAPlainDuration(_ value: String) {
        #expect(parse(value) == nil)
    }

    @Test func aBadMetricLeavesTheOthersRead() {
        #expect(parse("compute;dur=abc, encode;dur=0.25") == ServerTimingHeader(encodeNanos: 250_000))
    }

    @Test func theResponseParserReadsTheHeader() {
        let response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nserver-timing: compute;dur=0.5\r\n\r\n[]"
        let outcome = Array(response.utf8).withUnsafeBytes { HTTPResponseParser.frame($0, maxBodyBytes: 100) }
        guard case .complete(let r) = outcome else { Issue.record("not framed: \(outcome)"); return }
        #expect(r.serverTiming == ServerTimingHeader(computeNanos: 500_000))
        let plain = Array("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".utf8).withUnsafeBytes { HTTPResponseParser.frame($0, maxBodyBytes: 100) }
        guard case .complete(let p) = plain else { Issue.record("not framed"); return }
        #expect(p.serverTiming == nil)
    }
}
