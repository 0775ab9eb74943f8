import Testing
@testable import Monitor

@Suite struct ReportNumberTests {
    @Test func threeSignificantDigitsGroupedByThousands() {
        #expect(ReportNumber.format(0.05234) == "0.0523")
        #expect(ReportNumber.format(1.2) == "1.20")
        #expect(ReportNumber.format(35.24) == "35.2")
        #expect(ReportNumber.format(50_000) == "50,000")
        #expect(ReportNumber.format(1_234_567.8) == "1,234,568")
        #expect(ReportNumber.format(-1234.5, decimals: 1) == "-1,234.5")
        #expect(ReportNumber.format(0) == "0")
    }

    @Test func intervalsKeepTheMeansDecimals() {
        #expect(ReportNumber.interval(mean: 35.2, halfWidth: 0.41) == "35.2 ± 0.41")
        #expect(ReportNumber.interval(mean: 50_000, halfWidth: 1234) == "50,000 ± 1,234")
        #expect(ReportNumber.interval(mean: 1.2, halfWidth: 0) == "1.20 ± 0.00")
    }
}
