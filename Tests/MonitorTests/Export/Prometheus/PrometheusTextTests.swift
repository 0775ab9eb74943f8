import Testing
@testable import Monitor

@Suite struct PrometheusTextTests {
    @Test func familyAndSamples() {
        var t = PrometheusText()
        t.family("x_total", .counter, help: "Things.")
        t.sample("x_total", labels: [("mode", "cpu")], 3)
        t.sample("x_total", labels: [("mode", "remote_b8"), ("a", "b")], 0)
        t.family("y", .gauge, help: "A gauge.")
        t.sample("y", 0.25)
        #expect(t.output == """
        # HELP x_total Things.
        # TYPE x_total counter
        x_total{mode="cpu"} 3
        x_total{mode="remote_b8",a="b"} 0
        # HELP y A gauge.
        # TYPE y gauge
        y 0.25

        """)
    }

    @Test func escapesHelpAndLabelValues() {
        #expect(PrometheusText.escapeHelp(#"a\b"# + "\nc \"q\"") == #"a\\b\nc "q""#)
        #expect(PrometheusText.escapeLabel(#"a\b"# + "\n\"q\"") == #"a\\b\n\"q\""#)
        var t = PrometheusText()
        t.sample("m", labels: [("task", "x\"y")], 1)
        #expect(t.output == "m{task=\"x\\\"y\"} 1\n")
    }

    @Test func formatsNumbersAsPrometheusReadsThem() {
        #expect(PrometheusText.format(0) == "0")
        #expect(PrometheusText.format(-0.0) == "0")
        #expect(PrometheusText.format(42) == "42")
        #expect(PrometheusText.format(-7) == "-7")
        #expect(PrometheusText.format(1) == "1")
        #expect(PrometheusText.format(0.0025) == "0.0025")
        #expect(PrometheusText.format(0.000001) == "1e-06")
        #expect(PrometheusText.format(12.34) == "12.34")
        #expect(PrometheusText.format(Double(UInt64.max)) == "1.8446744073709552e+19")
        #expect(PrometheusText.format(.infinity) == "+Inf")
        #expect(PrometheusText.format(-.infinity) == "-Inf")
        #expect(PrometheusText.format(.nan) == "NaN")
    }

    @Test func histogramSeriesAreCumulativeWithSumAndCount() {
        var t = PrometheusText()
        let d = LatencyDistributionFixture.make([(500_000, 3), (2_000_000, 1)])
        t.histogram("h_seconds", labels: [("mode", "cpu")], CumulativeBuckets(d, bounds: [0.001, 0.01]))
        #expect(t.output == """
        h_seconds_bucket{mode="cpu",le="0.001"} 3
        h_seconds_bucket{mode="cpu",le="0.01"} 4
        h_seconds_bucket{mode="cpu",le="+Inf"} 4
        h_seconds_sum{mode="cpu"} 0.0035
        h_seconds_count{mode="cpu"} 4

        """)
    }
}
