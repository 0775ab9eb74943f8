/// What the terminal can show.
public enum ColorDepth: Sendable, Equatable {
    /// NO_COLOR, or a terminal without colours: attributes only.
    case none
    /// The 8 ANSI colours.
    case eight
    /// The xterm 256-colour palette (6×6×6 cube + grey ramp).
    case palette256
    /// The palette can be redefined (`can_change_color`): exact RGB in slots 16 and up.
    case redefinable
    /// Direct colour (COLORS ≥ 2^24): a colour number is 0xRRGGBB.
    case direct

    /// Chooses the depth. `noColor` is true when NO_COLOR is set to a non-empty value (no-color.org).
    /// Palette redefinition is used only when `COLORTERM` says the terminal does 24-bit colour: many
    /// terminfo entries claim `can_change_color` for terminals that ignore it, and the 256-colour
    /// cube is the safer guess there.
    public static func detect(hasColors: Bool, colors: Int, canChangeColor: Bool, noColor: Bool,
                              colorTerm: String? = nil) -> ColorDepth {
        if noColor || !hasColors || colors < 8 { return .none }
        if colors >= 0x100_0000 { return .direct }
        let truecolor = ["truecolor", "24bit"].contains((colorTerm ?? "").lowercased())
        if canChangeColor && colors >= 256 && truecolor { return .redefinable }
        if colors >= 256 { return .palette256 }
        return .eight
    }
}

/// Maps theme colours to terminal colour numbers. Pure.
public enum ColorMapper {
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]
    /// xterm's 8 basic colours.
    static let basic8: [(Int, Int, Int)] = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
                                            (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229)]

    @inline(__always) static func dist(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return dr * dr + dg * dg + db * db
    }

    /// The nearest xterm-256 index: the 6×6×6 cube (16–231) or the grey ramp (232–255).
    public static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        let c = (Int(r), Int(g), Int(b))
        func nearestLevel(_ v: Int) -> Int {
            var best = 0
            for i in 1..<6 where abs(cubeLevels[i] - v) < abs(cubeLevels[best] - v) { best = i }
            return best
        }
        let ri = nearestLevel(c.0), gi = nearestLevel(c.1), bi = nearestLevel(c.2)
        let cubeIndex = 16 + 36 * ri + 6 * gi + bi
        let cubeDist = dist(c, (cubeLevels[ri], cubeLevels[gi], cubeLevels[bi]))
        let avg = (c.0 + c.1 + c.2) / 3
        let gi2 = Swift.min(23, Swift.max(0, Int((Double(avg - 8) / 10).rounded())))
        let grey = 8 + 10 * gi2
        let greyDist = dist(c, (grey, grey, grey))
        return greyDist < cubeDist ? 232 + gi2 : cubeIndex
    }

    /// The nearest of the 8 ANSI colours.
    public static func nearest8(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        let c = (Int(r), Int(g), Int(b))
        var best = 0
        for i in 1..<8 where dist(c, basic8[i]) < dist(c, basic8[best]) { best = i }
        return best
    }

    /// Foreground and background numbers for a style. With 8 colours a dark grey
    /// foreground becomes black, which vanishes on the usual black terminal
    /// background; such a foreground (equal to the background, or black on the
    /// terminal's own background) is replaced by the terminal's default foreground.
    public static func pair(fg: ThemeColor, bg: ThemeColor, depth: ColorDepth) -> (fg: Int, bg: Int) {
        let f = number(fg, depth: depth), b = number(bg, depth: depth)
        if depth == .eight && f >= 0 && (f == b || (b < 0 && f == 0)) { return (-1, b) }
        return (f, b)
    }

    /// A terminal colour number for `color` at `depth`; -1 is the terminal default.
    /// For `.redefinable`, `slot` is the palette entry the caller redefines to this colour.
    public static func number(_ color: ThemeColor, depth: ColorDepth, slot: Int = 0) -> Int {
        guard case let .rgb(r, g, b) = color else { return -1 }
        switch depth {
        case .none: return -1
        case .eight: return nearest8(r, g, b)
        case .palette256: return nearest256(r, g, b)
        case .redefinable: return slot
        case .direct: return Int(r) << 16 | Int(g) << 8 | Int(b)
        }
    }
}
