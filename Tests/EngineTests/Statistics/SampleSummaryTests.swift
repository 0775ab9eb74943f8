import Testing
@testable import Engine

@Suite struct SampleSummaryTests {
    @Test func meanIntervalAndOutlier() {
        let s = SampleSummary([41.8, 42.0, 42.3, 41.9, 55.0])
        #expect(abs(s.mean - 44.6) < 1e-12)
        // sd of the five values, times t(0.975, 4) / √5.
        let sd = 5.8167860541711525
        #expect(abs(s.standardDeviation - sd) < 1e-9)
        #expect(abs(s.ci95HalfWidth - 2.7764451051977934 * sd / 5.0.squareRoot()) < 1e-9)
        #expect(s.outliers == [4])
        #expect(s.low < s.mean && s.mean < s.high)
    }

    @Test func fewSamplesHaveNoIntervalNorOutliers() {
        #expect(SampleSummary([3]).ci95HalfWidth == 0)
        #expect(SampleSummary([]).mean == 0)
        #expect(SampleSummary([1, 2, 100]).outliers.isEmpty)  // fewer than 4: no quartiles to speak of
        #expect(SampleSummary([5, 5, 5, 5]).outliers.isEmpty)
    }

    @Test func quantilesInterpolate() {
        #expect(SampleSummary.quantile([1, 2, 3, 4], 0.25) == 1.75)
        #expect(SampleSummary.quantile([1, 2, 3, 4], 0.75) == 3.25)
        #expect(SampleSummary.quantile([7], 0.5) == 7)
    }

    @Test func disjointIntervals() {
        let a = SampleSummary([10, 10.1, 9.9]), b = SampleSummary([12, 12.1, 11.9]), c = SampleSummary([10, 11, 12])
        #expect(a.intervalsDisjoint(from: b))
        #expect(!a.intervalsDisjoint(from: c))
    }
}

import Foundation

@Suite struct SampleSummaryCodingTests {
    @Test func aFileIsReadFromItsSamplesAlone() throws {
        // The mean and interval in the file disagree with the samples: the samples win.
        let json = #"{"samples": [1, 2, 3, 4], "mean": 99, "ci95_half_width": 0, "outliers": [0]}"#
        let s = try JSONDecoder().decode(SampleSummary.self, from: Data(json.utf8))
        #expect(s == SampleSummary([1, 2, 3, 4]))
        #expect(s.mean == 2.5 && s.outliers.isEmpty)
    }

    @Test func writesEveryDerivedFigureAndReadsItBack() throws {
        let s = SampleSummary([41.8, 42.0, 42.3, 41.9, 55.0])
        let data = try JSONEncoder().encode(s)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["samples", "mean", "standard_deviation", "ci95_half_width", "ci95_low", "ci95_high", "outliers"])
        #expect(try JSONDecoder().decode(SampleSummary.self, from: data) == s)
    }

    @Test func refusesSamplesThatAreNotFiniteNumbers() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SampleSummary.self, from: Data(#"{"samples": [1, 1e400]}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SampleSummary.self, from: Data(#"{"samples": [1, "2"]}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SampleSummary.self, from: Data(#"{"mean": 2}"#.utf8)) }
    }
}
