#if canImport(Glibc)
import Glibc
#endif
import CNcurses

/// The only ncurses code: copies a `CellBuffer` to the terminal (only the cells
/// that changed since the last frame), sets up colours from a theme, reads keys.
///
/// Not Sendable: it belongs to the UI thread, like ncurses itself. `end()` is
/// idempotent and runs from `deinit` too, so the terminal is restored on every
/// exit path the process survives (signals are turned into a stop flag by
/// `SignalFlag`, and the loop then returns through this).
public final class NcursesScreen {
    private var front = CellBuffer(width: 0, height: 0)
    private var styles: [(attr: UInt32, pair: Int32)] = Array(repeating: (0, 0), count: StyleRole.allCases.count)
    private var ended = false
    public private(set) var depth: ColorDepth = .none
    public let resizeKey: Int32
    /// Shift-Tab's key code.
    public let backTabKey: Int32

    /// Starts curses (locale from the environment first, so UTF-8 works) and applies `theme`.
    public init(theme: Theme, noColor: Bool) throws {
        cnc_setlocale_from_env()
        guard cnc_start() != cnc_err() else {
            throw ScreenError(description: "cannot initialise the terminal (TERM=\(getenv("TERM").map { String(cString: $0) } ?? "unset")); no usable terminfo entry; try TERM=xterm-256color, or --headless")
        }
        resizeKey = Int32(cnc_key_resize())
        backTabKey = Int32(cnc_key_btab())
        if has_colors() && !noColor {
            start_color()
            use_default_colors()
        }
        depth = ColorDepth.detect(hasColors: has_colors(), colors: Int(cnc_colors()), canChangeColor: can_change_color(),
                                  noColor: noColor, colorTerm: getenv("COLORTERM").map { String(cString: $0) })
        apply(theme: theme)
    }

    public struct ScreenError: Error, CustomStringConvertible { public var description: String }

    deinit { end() }

    /// Restores the terminal. Safe to call more than once.
    public func end() {
        guard !ended else { return }
        ended = true
        endwin()
    }

    /// The terminal's size in cells.
    public var size: (width: Int, height: Int) {
        var y: Int32 = 0, x: Int32 = 0
        cnc_getmaxyx(&y, &x)
        return (Int(x), Int(y))
    }

    /// Sets colour pairs for every style role; the next `present` redraws everything.
    public func apply(theme: Theme) {
        let bold = cnc_a_bold(), dim = cnc_a_dim(), rev = cnc_a_reverse()
        var slot = 16
        var slots: [ThemeColor: Int] = [:]
        func number(_ c: ThemeColor) -> Int32 {
            if depth == .redefinable, case let .rgb(r, g, b) = c {
                if let s = slots[c] { return Int32(s) }
                let s = slot
                slot += 1
                slots[c] = s
                init_extended_color(Int32(s), Int32(r) * 1000 / 255, Int32(g) * 1000 / 255, Int32(b) * 1000 / 255)
                return Int32(s)
            }
            return Int32(ColorMapper.number(c, depth: depth))
        }
        for role in StyleRole.allCases {
            let i = Int(role.rawValue)
            if depth == .none {
                // No colour: meaning carried by attributes alone.
                switch role {
                case .selected: styles[i] = (rev, 0)
                case .title, .highlight, .bad: styles[i] = (bold, 0)
                case .inactive, .border: styles[i] = (dim, 0)
                default: styles[i] = (0, 0)
                }
                continue
            }
            let (fg, bg) = theme.colors(for: role)
            let pair = Int32(i + 1)
            if depth == .eight {
                let (f, b) = ColorMapper.pair(fg: fg, bg: bg, depth: depth)
                init_extended_pair(pair, Int32(f), Int32(b))
            } else {
                init_extended_pair(pair, number(fg), number(bg))
            }
            styles[i] = (0, pair)
        }
        if depth != .none {
            // The background of blank cells follows the theme's main colours.
            wbkgdset(cnc_stdscr(), chtype(cnc_color_pair(1)) | chtype(32))
        }
        front = CellBuffer(width: 0, height: 0)   // force a full redraw
    }

    /// Copies `buffer` to the terminal, writing only cells that differ from the
    /// previous frame, then swaps it with the previous frame's buffer (so the
    /// caller gets storage back to draw the next frame in, without allocating).
    public func present(_ buffer: inout CellBuffer) {
        let full = buffer.width != front.width || buffer.height != front.height
        if full { _ = cnc_clear() }
        let w = buffer.width
        buffer.cells.withUnsafeBufferPointer { cur in
            front.cells.withUnsafeBufferPointer { prev in
                for i in 0..<cur.count {
                    let c = cur[i]
                    if !full && prev[i] == c { continue }
                    var (attr, pair) = styles[Int(c.role.rawValue)]
                    if c.attributes.contains(.bold) { attr |= cnc_a_bold() }
                    if c.attributes.contains(.dim) { attr |= cnc_a_dim() }
                    if c.attributes.contains(.reverse) { attr |= cnc_a_reverse() }
                    if c.attributes.contains(.underline) { attr |= cnc_a_underline() }
                    _ = cnc_put(Int32(i / w), Int32(i % w), c.scalar.value, attr, pair)
                }
            }
        }
        _ = cnc_refresh()
        swap(&front, &buffer)
    }

    /// Waits up to `timeoutMillis` for a key; nil on timeout.
    public func readKey(timeoutMillis: Int) -> Int32? {
        cnc_timeout(Int32(Swift.max(0, timeoutMillis)))
        let k = cnc_getch()
        return k == cnc_err() ? nil : k
    }
}
