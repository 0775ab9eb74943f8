/// A colour role: what a cell means, not which colour it has. The theme maps
/// roles to colours; snapshot tests record the role of every cell, never colours.
/// `series1`…`series6` colour chart lines beside good / warning / bad.
public enum StyleRole: UInt8, Sendable, CaseIterable {
    case normal, label, title, highlight, inactive, selected, border, graph, good, warning, bad, meter
    case series1, series2, series3, series4, series5, series6

    /// One letter per role, for the role grid of screen snapshots.
    public var letter: Character {
        Array(".ltHisbgGWBm123456")[Int(rawValue)]
    }
}

/// Text attributes of a cell, as a small bit set.
public struct CellAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = CellAttributes(rawValue: 1)
    public static let dim = CellAttributes(rawValue: 2)
    public static let reverse = CellAttributes(rawValue: 4)
    public static let underline = CellAttributes(rawValue: 8)
}

/// One screen cell: a single-width character, its colour role and attributes.
public struct Cell: Sendable, Equatable {
    public var scalar: Unicode.Scalar
    public var role: StyleRole
    public var attributes: CellAttributes

    public init(_ scalar: Unicode.Scalar = " ", role: StyleRole = .normal, attributes: CellAttributes = []) {
        self.scalar = scalar; self.role = role; self.attributes = attributes
    }
    public static let blank = Cell()
}

/// A rectangle of the screen, in cells.
public struct Rect: Sendable, Equatable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    /// The rectangle shrunk by `n` cells on every side (the inside of a box).
    public func inset(_ n: Int) -> Rect { Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n) }
}

/// A width × height grid of cells that panels draw into; a terminal backend
/// copies it to the screen, and tests read it back as `text`.
///
/// Drawing clips to the buffer, so a panel can never write outside it.
/// - Complexity: drawing is O(cells touched); `resize` to the same size and `clear` allocate nothing.
public struct CellBuffer: Sendable, Equatable {
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width); self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// Blanks every cell, keeping the storage.
    public mutating func clear() {
        for i in cells.indices { cells[i] = .blank }
    }

    /// Changes the size; contents become blank.
    public mutating func resize(width: Int, height: Int) {
        if width == self.width && height == self.height { clear(); return }
        self = CellBuffer(width: width, height: height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    @inline(__always)
    public mutating func put(_ x: Int, _ y: Int, _ scalar: Unicode.Scalar, role: StyleRole = .normal,
                             attributes: CellAttributes = [], clip: Rect? = nil) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        if let c = clip, x < c.x || y < c.y || x >= c.maxX || y >= c.maxY { return }
        cells[y * width + x] = Cell(scalar, role: role, attributes: attributes)
    }

    /// Writes `text` from (x, y), clipped to `clip` (default: the buffer) and at most `maxWidth` cells.
    /// Returns the x after the last cell written.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, role: StyleRole = .normal,
                               attributes: CellAttributes = [], clip: Rect? = nil, maxWidth: Int = .max) -> Int {
        var cx = x
        var n = 0
        for s in text.unicodeScalars {
            if n >= maxWidth { break }
            // Combining marks and zero-width characters would break the one-scalar-per-cell grid.
            if s.properties.generalCategory == .nonspacingMark || s.value == 0x200D || s.value == 0xFE0F { continue }
            put(cx, y, s, role: role, attributes: attributes, clip: clip)
            cx += 1; n += 1
        }
        return cx
    }

    /// Writes `text` right-aligned so that it ends just before `rightEdge`.
    public mutating func writeRight(_ text: String, rightEdge: Int, y: Int, role: StyleRole = .normal,
                                    attributes: CellAttributes = [], clip: Rect? = nil) {
        let n = text.unicodeScalars.count
        write(text, x: rightEdge - n, y: y, role: role, attributes: attributes, clip: clip)
    }

    /// Fills a rectangle with one character.
    public mutating func fill(_ rect: Rect, _ scalar: Unicode.Scalar = " ", role: StyleRole = .normal) {
        for yy in rect.y..<rect.maxY { for xx in rect.x..<rect.maxX { put(xx, yy, scalar, role: role) } }
    }

    /// Draws a box around `rect` with an optional title in its top edge.
    public mutating func box(_ rect: Rect, title: String? = nil, glyphs: Glyphs, role: StyleRole = .border,
                             titleRole: StyleRole = .title) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let r = rect.maxX - 1, b = rect.maxY - 1
        for xx in (rect.x + 1)..<r {
            put(xx, rect.y, glyphs.horizontal, role: role); put(xx, b, glyphs.horizontal, role: role)
        }
        for yy in (rect.y + 1)..<b {
            put(rect.x, yy, glyphs.vertical, role: role); put(r, yy, glyphs.vertical, role: role)
        }
        put(rect.x, rect.y, glyphs.topLeft, role: role); put(r, rect.y, glyphs.topRight, role: role)
        put(rect.x, b, glyphs.bottomLeft, role: role); put(r, b, glyphs.bottomRight, role: role)
        if let title, rect.width > 4 {
            write(" " + title + " ", x: rect.x + 2, y: rect.y, role: titleRole, attributes: .bold,
                  maxWidth: rect.width - 4)
        }
    }

    /// The grid as text, one line per row, trailing spaces trimmed: what tests compare.
    public var text: String {
        var out = String.UnicodeScalarView()
        for yy in 0..<height {
            var line = cells[(yy * width)..<((yy + 1) * width)].map(\.scalar)
            while line.last == " " { line.removeLast() }
            out.append(contentsOf: line)
            out.append("\n")
        }
        return String(out)
    }
}
