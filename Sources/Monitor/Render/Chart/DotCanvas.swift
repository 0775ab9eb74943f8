/// A grid of dots over a rectangle of cells, for line charts: 2 × 4 dots per cell
/// drawn as braille (U+2800…U+28FF, as btop and bottom draw), or, when the locale is
/// not UTF-8, 1 × 2 dots per cell drawn as ASCII (`'` top, `.` bottom, `:` both).
///
/// Dots are addressed from the bottom-left corner (y grows upwards, as a chart's
/// values do). A cell takes the role of the last series that set a dot in it.
struct DotCanvas {
    let columns: Int, rows: Int
    let braille: Bool
    /// Dots per cell across and down.
    let cellDots: (x: Int, y: Int)
    private var bits: [UInt8]
    private var roles: [StyleRole]

    init(columns: Int, rows: Int, braille: Bool) {
        self.columns = Swift.max(0, columns); self.rows = Swift.max(0, rows); self.braille = braille
        cellDots = braille ? (2, 4) : (1, 2)
        bits = Array(repeating: 0, count: self.columns * self.rows)
        roles = Array(repeating: .normal, count: self.columns * self.rows)
    }

    /// Dots across and up.
    var width: Int { columns * cellDots.x }
    var height: Int { rows * cellDots.y }

    /// Braille dot bits by (column in cell, row in cell from the top).
    private static let brailleBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    /// Sets dot (x, y), y counted from the bottom; dots outside are ignored.
    mutating func set(_ x: Int, _ y: Int, role: StyleRole) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let top = height - 1 - y
        let cell = (top / cellDots.y) * columns + x / cellDots.x
        let dx = x % cellDots.x, dy = top % cellDots.y
        bits[cell] |= braille ? Self.brailleBits[dx][dy] : UInt8(1 << dy)
        roles[cell] = role
    }

    /// Dots (x, y0) through (x, y1).
    mutating func vertical(_ x: Int, _ y0: Int, _ y1: Int, role: StyleRole) {
        for y in Swift.min(y0, y1)...Swift.max(y0, y1) { set(x, y, role: role) }
    }

    /// A line from (x0, y0) to (x1, y1), dot coordinates (fractions round to the nearest dot):
    /// every dot column it crosses gets the vertical run of dots the line passes through.
    mutating func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, role: StyleRole) {
        let (ax, ay, bx, by) = x0 <= x1 ? (x0, y0, x1, y1) : (x1, y1, x0, y0)
        let c0 = Int(ax.rounded()), c1 = Int(bx.rounded())
        guard c1 > c0 else {
            vertical(c0, Int(ay.rounded()), Int(by.rounded()), role: role)
            return
        }
        func y(at x: Double) -> Double { ay + (by - ay) * (x - ax) / (bx - ax) }
        for c in c0...c1 {
            // The column spans x ∈ [c − ½, c + ½]; the line covers the y values between its ends there.
            let lo = y(at: Swift.max(ax, Double(c) - 0.5)), hi = y(at: Swift.min(bx, Double(c) + 0.5))
            vertical(c, Int(lo.rounded()), Int(hi.rounded()), role: role)
        }
    }

    /// The glyph of a cell's dots.
    private func glyph(_ b: UInt8) -> Unicode.Scalar {
        if braille { return Unicode.Scalar(0x2800 + UInt32(b))! }
        switch b {
        case 1: return "'"
        case 2: return "."
        default: return ":"
        }
    }

    /// Copies the cells that have dots into `buffer` at (x, y), leaving the others as they are.
    func draw(into buffer: inout CellBuffer, x: Int, y: Int, clip: Rect? = nil) {
        for r in 0..<rows {
            for c in 0..<columns where bits[r * columns + c] != 0 {
                buffer.put(x + c, y + r, glyph(bits[r * columns + c]), role: roles[r * columns + c], clip: clip)
            }
        }
    }
}
