import Testing
@testable import Monitor

@Suite struct ScreenLayoutTests {
    func overlap(_ a: Rect, _ b: Rect) -> Bool {
        a.x < b.maxX && b.x < a.maxX && a.y < b.maxY && b.y < a.maxY
    }

    /// From the minimum up to large terminals: every panel has a slot, slots tile the body without overlap,
    /// and every slot is big enough for its panel to draw something.
    @Test func everySizeTilesTheBody() {
        for w in stride(from: 100, through: 260, by: 7) {
            for h in 30...90 {
                guard let l = ScreenLayout.compute(width: w, height: h) else { Issue.record("no layout at \(w)x\(h)"); continue }
                #expect(Set(l.slots.flatMap(\.panels)) == Set(PanelID.allCases), "\(w)x\(h)")
                #expect(l.slots.flatMap(\.panels).count == PanelID.allCases.count)
                let area = l.slots.reduce(0) { $0 + $1.rect.width * $1.rect.height }
                #expect(area == w * (h - 6), "\(w)x\(h): slots cover \(area) of \(w * (h - 6)) cells")
                for (i, a) in l.slots.enumerated() {
                    #expect(a.rect.y >= 4 && a.rect.maxY <= h - 2 && a.rect.x >= 0 && a.rect.maxX <= w)
                    #expect(a.rect.height >= 6, "\(w)x\(h) slot \(a.panels) only \(a.rect.height) rows")
                    for b in l.slots[(i + 1)...] { #expect(!overlap(a.rect, b.rect), "\(w)x\(h): \(a.panels) overlaps \(b.panels)") }
                }
            }
        }
    }

    @Test func chartsTakeTheRoomAsTheScreenGrows() {
        func chartRows(_ h: Int) -> Int { ScreenLayout.compute(width: 140, height: h)!.slot(of: .latencyChart)!.rect.height }
        #expect(chartRows(30) == 14)
        #expect(chartRows(45) == 10)   // two rows of charts from 45 rows up
        #expect(chartRows(60) == 13)   // the matrix row takes 13 rows from 52 rows up
        #expect(chartRows(90) > chartRows(60))
        #expect(ScreenLayout.compute(width: 140, height: 45)!.slot(of: .spectrum)!.panels == [.spectrum])
    }

    @Test func expandedTakesTheBody() {
        let l = ScreenLayout.compute(width: 120, height: 40, expanded: .threads)!
        #expect(l.slots == [ScreenLayout.Slot(rect: Rect(x: 0, y: 4, width: 120, height: 34), panels: [.threads])])
        #expect(ScreenLayout.compute(width: 99, height: 40, expanded: .threads) == nil)
    }
}
