import Testing
@testable import Monitor

@Suite struct DotCanvasTests {
    func text(_ c: DotCanvas) -> String {
        var b = CellBuffer(width: c.columns, height: c.rows)
        c.draw(into: &b, x: 0, y: 0)
        return b.text
    }

    /// Braille dot numbering: (0,0) top-left is 0x01, the bottom row is 0x40 / 0x80.
    @Test func brailleDots() {
        var c = DotCanvas(columns: 1, rows: 1, braille: true)
        c.set(0, 3, role: .good)   // top-left (y counts from the bottom)
        #expect(text(c) == "\u{2801}\n")
        c.set(1, 0, role: .bad)    // bottom-right
        #expect(text(c) == "\u{2881}\n")
        for x in 0..<2 { for y in 0..<4 { c.set(x, y, role: .bad) } }
        #expect(text(c) == "⣿\n")
        c.set(5, 5, role: .bad)    // outside: ignored
        #expect(c.width == 2 && c.height == 4)
    }

    @Test func asciiDots() {
        var c = DotCanvas(columns: 3, rows: 1, braille: false)
        c.set(0, 1, role: .good); c.set(1, 0, role: .good); c.set(2, 0, role: .good); c.set(2, 1, role: .good)
        #expect(text(c) == "'.:\n")
    }

    /// A line leaves no gap: every dot column it crosses has a dot, steep parts a vertical run.
    @Test func linesAreContinuous() {
        var c = DotCanvas(columns: 4, rows: 2, braille: true)
        c.line(0, 0, 7, 7, role: .series1)
        for x in 0..<8 {
            #expect((0..<8).contains { y in dot(c, x, y) }, "column \(x) empty")
        }
        var steep = DotCanvas(columns: 1, rows: 2, braille: true)
        steep.line(0, 0, 1, 7, role: .series1)
        #expect((0..<8).allSatisfy { y in dot(steep, 0, y) || dot(steep, 1, y) })
    }

    func dot(_ c: DotCanvas, _ x: Int, _ y: Int) -> Bool {
        var b = CellBuffer(width: c.columns, height: c.rows)
        c.draw(into: &b, x: 0, y: 0)
        let top = c.height - 1 - y
        let s = b[x / 2, top / 4].scalar.value
        guard s >= 0x2800 else { return false }
        let bits: [[UInt32]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
        return (s - 0x2800) & bits[x % 2][top % 4] != 0
    }

    @Test func theLastSeriesColoursASharedCell() {
        var c = DotCanvas(columns: 1, rows: 1, braille: true)
        c.set(0, 0, role: .good)
        c.set(1, 1, role: .bad)
        var b = CellBuffer(width: 1, height: 1)
        c.draw(into: &b, x: 0, y: 0)
        #expect(b[0, 0].role == .bad)
    }
}

@Suite struct ChartScaleTests {
    @Test func logarithmicBeyondTwoDecades() {
        let s = ChartScale.auto([12, 35, 4_500], fromZero: true, allowLog: true)
        #expect(s.logarithmic && s.low == 10 && s.high == 10_000)
        #expect(s.ticks(maxTicks: 10) == [10, 100, 1_000, 10_000])
        #expect(abs(s.position(100) - 1.0 / 3) < 1e-12)
        #expect(!ChartScale.auto([12, 35, 1_000], fromZero: true, allowLog: true).logarithmic)   // 83×: linear
        #expect(!ChartScale.auto([12, 35, 4_500], fromZero: true, allowLog: false).logarithmic)
    }

    @Test func linearWithRoundEnds() {
        let s = ChartScale.auto([0.2, 3.7], fromZero: true, allowLog: false)
        #expect(s.low == 0 && s.high == 4 && s.step == 2)
        #expect(s.ticks(maxTicks: 5) == [0, 2, 4])
        let tall = ChartScale.auto([0.2, 3.7], fromZero: true, allowLog: false, rows: 24)
        #expect(tall.step == 0.5 && tall.high == 4)
        let fitness = ChartScale.auto([11.2, 14.9], fromZero: false, allowLog: false)
        #expect(fitness.low == 10 && fitness.high == 16)
        #expect(ChartScale.auto([], fromZero: true, allowLog: true) == ChartScale(low: 0, high: 1, logarithmic: false, step: 0.5))
        let flat = ChartScale.auto([5, 5], fromZero: false, allowLog: false)
        #expect(flat.low <= 5 && flat.high > 5)
    }

    @Test func niceSteps() {
        #expect([0.7, 1, 1.3, 2.2, 3, 7, 12].map(ChartScale.niceStep) == [1, 1, 2, 2.5, 5, 10, 20])
    }

    @Test func ticksAreThinnedKeepingTheEnds() {
        let s = ChartScale(low: 0, high: 10, logarithmic: false, step: 1)
        let t = s.ticks(maxTicks: 4)
        #expect(t.first == 0 && t.last == 10 && t.count <= 5)
    }
}

@Suite struct AxisLabelsTests {
    @Test func timeLabelsEndAtNow() {
        let l = AxisLabels.time(start: 0, end: 300, columns: 60)
        #expect(l.map(\.text) == ["-5m", "-4m", "-3m", "-2m", "-1m", "now"])
        #expect(l.map(\.value) == [0, 60, 120, 180, 240, 300])
        #expect(AxisLabels.time(start: 0, end: 86_400, columns: 40).map(\.text) == ["-1d", "-18h", "-12h", "-6h", "now"])
    }

    @Test func durations() {
        #expect([45, 90, 300, 3600, 5400, 86_400, 90_000].map { AxisLabels.duration(Double($0)) }
                == ["45s", "1m30s", "5m", "1h", "1h30m", "1d", "1d1h"])
    }

    @Test func generationLabelsAreWholeNumbers() {
        #expect(AxisLabels.generations(low: 440, high: 559, columns: 60).map(\.text) == ["440", "460", "480", "500", "520", "540"])
        #expect(AxisLabels.generations(low: 0, high: 3, columns: 60).map(\.text) == ["0", "1", "2", "3"])
        #expect(AxisLabels.count(123_456) == "123.5k")
    }

    @Test func percentileAxis() {
        #expect(AxisLabels.percentiles(decades: 4).map(\.text) == ["0%", "90%", "99%", "99.9%", "99.99%"])
        #expect(abs(SpectrumPanel.percentile(atDecade: 2) - 99) < 1e-9)
        #expect(SpectrumPanel.percentile(atDecade: 0) == 0)
    }

    @Test func labelsDoNotOverlap() {
        var b = CellBuffer(width: 12, height: 1)
        let labels = [AxisLabel(value: 0, text: "-10m"), AxisLabel(value: 1, text: "-9m"), AxisLabel(value: 10, text: "now")]
        AxisLabels.draw(labels, position: { Int($0) }, into: &b, x: 0, y: 0, width: 12)
        #expect(b.text == "-10m     now\n")   // "-9m" would touch "-10m": skipped
    }
}

@Suite struct LatencySeriesTests {
    /// The one-walk percentiles the spectrum plots are the distribution's own, one by one.
    @Test func ascendingPercentilesMatchOneByOne() {
        let s = LatencySeries(name: "CPU-only", unit: "per call", mode: .cpu,
                              distribution: Fixtures.distribution(median: 12, tail: 180, count: 120_000))
        let ps = (0...400).map { SpectrumPanel.percentile(atDecade: 4 * Double($0) / 400) } + [100]
        #expect(s.micros(atAscending: ps) == ps.map { s.micros(atPercentile: $0) })
    }

    @Test func seriesPerMeasuredMode() {
        let all = LatencySeries.from(Fixtures.snapshot, metric: .inference)
        #expect(all.map(\.name) == ["CPU-only", "Remote (batch 1)"])
        #expect(all.map(\.unit) == ["per call", "wait per tick"])
        #expect(LatencySeries.from(Fixtures.snapshot, metric: .match, mode: .cpu).map(\.unit) == ["per match"])
    }
}

@Suite struct LinePlotTests {
    /// Markers closer than their label keep their line; the last of a cluster keeps its label.
    @Test func crowdedMarkerLabelsGiveWay() {
        let plot = LinePlot(lines: [], xLow: 0, xHigh: 100, scale: ChartScale(low: 0, high: 1, logarithmic: false, step: 1),
                            unit: .rate, markers: [(10, "b1"), (14, "b8"), (50, "CPU")])
        var b = CellBuffer(width: 47, height: 3)
        plot.draw(into: &b, rect: b.bounds, glyphs: .utf8)
        let top = b.text.split(separator: "\n", omittingEmptySubsequences: false)[0]
        #expect(top.contains("┊┊b8"))
        #expect(top.contains("┊CPU"))
        #expect(!top.contains("b1"))
        #expect(b.text.split(separator: "\n")[2].filter { $0 == "┊" }.count == 3)
    }

    @Test func nanosecondsBelowAMicrosecond() {
        #expect(Format.micros(0.07, glyphs: .utf8) == "70ns")
        #expect(Format.micros(0, glyphs: .utf8) == "0.0µs")
        #expect(Format.micros(12, glyphs: .utf8) == "12µs")
    }
}
