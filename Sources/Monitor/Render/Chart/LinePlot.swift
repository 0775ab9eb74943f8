/// One series of a plot: its points and colour.
struct ChartLine: Sendable {
    var points: [ChartPoint]
    var role: StyleRole
}

/// A plot area: y-axis labels on the left, the lines as dots on the right, and
/// dotted vertical markers (mode switches) behind them.
struct LinePlot {
    var lines: [ChartLine]
    var xLow: Double
    var xHigh: Double
    var scale: ChartScale
    var unit: ValueUnit
    /// Vertical markers at x, with a label written at the top right of the line (when `labelMarkers`).
    var markers: [(x: Double, label: String)] = []
    var labelMarkers = true

    /// Cells taken by the y labels (6 for the text, 1 gap).
    static let labelWidth = 7

    /// The plot's dot columns start `labelWidth` cells into `rect`.
    static func plotRect(_ rect: Rect) -> Rect {
        Rect(x: rect.x + labelWidth, y: rect.y, width: rect.width - labelWidth, height: rect.height)
    }

    /// The dot column of x, for a plot `dots` dots wide.
    func dotX(_ x: Double, dots: Int) -> Double {
        guard xHigh > xLow else { return Double(dots - 1) }
        return (x - xLow) / (xHigh - xLow) * Double(dots - 1)
    }

    func draw(into b: inout CellBuffer, rect: Rect, glyphs: Glyphs) {
        let area = Self.plotRect(rect)
        guard area.width >= 2, area.height >= 1 else { return }
        var canvas = DotCanvas(columns: area.width, rows: area.height, braille: glyphs.isUTF8)
        let markerCells = markers.map { Int(dotX($0.x, dots: canvas.width).rounded()) / canvas.cellDots.x }
        for c in markerCells where c >= 0 && c < area.width {
            for r in 0..<area.height { b.put(area.x + c, area.y + r, glyphs.marker, role: .inactive) }
        }
        for line in lines { plot(line, on: &canvas) }
        canvas.draw(into: &b, x: area.x, y: area.y, clip: area)
        if labelMarkers {
            // A label needs the cells up to the next marker; markers too close keep their line only.
            for (i, c) in markerCells.enumerated() where c >= 0 && c < area.width - 1 {
                let next = markerCells.dropFirst(i + 1).first { $0 > c } ?? area.width
                guard markers[i].label.unicodeScalars.count < next - c else { continue }
                b.write(markers[i].label, x: area.x + c + 1, y: area.y, role: .highlight,
                        clip: Rect(x: area.x, y: area.y, width: area.width, height: 1))
            }
        }
        // No points, no scale to read.
        guard lines.contains(where: { !$0.points.isEmpty }) else { return }
        drawYLabels(into: &b, rect: rect, dotsHigh: canvas.height, cellHeight: canvas.cellDots.y, glyphs: glyphs)
    }

    private func plot(_ line: ChartLine, on canvas: inout DotCanvas) {
        var previous: (Double, Double)?
        for p in line.points {
            let x = dotX(p.x, dots: canvas.width)
            let y = scale.position(p.mean) * Double(canvas.height - 1)
            if let (px, py) = previous, p.connected {
                canvas.line(px, py, x, y, role: line.role)
            } else {
                canvas.set(Int(x.rounded()), Int(y.rounded()), role: line.role)
            }
            previous = (x, y)
        }
    }

    private func drawYLabels(into b: inout CellBuffer, rect: Rect, dotsHigh: Int, cellHeight: Int, glyphs: Glyphs) {
        let maxTicks = Swift.max(2, rect.height / 2 + 1)
        var used = Set<Int>()
        // Top first, so the top label survives when two share a row.
        for v in scale.ticks(maxTicks: maxTicks).reversed() {
            let fromTop = Double(dotsHigh - 1) * (1 - scale.position(v))
            let row = Swift.min(rect.height - 1, Int(fromTop.rounded()) / cellHeight)
            guard used.insert(row).inserted else { continue }
            let text = Format.padLeft(unit.format(v, glyphs: glyphs), Self.labelWidth - 1)
            b.write(text, x: rect.x, y: rect.y + row, role: .meter, clip: rect)
        }
    }
}
