/// Where each panel goes for a terminal size.
///
///     header                       (4 rows, full width)
///     latency                      (7 rows, full width)
///     rates        | matrix        (10 rows)
///     threads      | memory        (the rest)
///                  | events
///     event line                   (1 row)
///     key help line                (1 row)
public struct ScreenLayout: Sendable, Equatable {
    public static let minWidth = 100
    public static let minHeight = 30

    public var header: Rect, latency: Rect, rates: Rect, matrix: Rect
    public var threads: Rect, memory: Rect, events: Rect, eventLine: Rect, keyLine: Rect

    /// The layout, or nil when the terminal is smaller than `minWidth` × `minHeight`.
    public static func compute(width w: Int, height h: Int) -> ScreenLayout? {
        guard w >= minWidth, h >= minHeight else { return nil }
        let left = w / 2, right = w - left
        let bottomY = 21, bottomH = h - bottomY - 2
        return ScreenLayout(
            header: Rect(x: 0, y: 0, width: w, height: 4),
            latency: Rect(x: 0, y: 4, width: w, height: 7),
            rates: Rect(x: 0, y: 11, width: left, height: 10),
            matrix: Rect(x: left, y: 11, width: right, height: 10),
            threads: Rect(x: 0, y: bottomY, width: left, height: bottomH),
            memory: Rect(x: left, y: bottomY, width: right, height: 4),
            events: Rect(x: left, y: bottomY + 4, width: right, height: bottomH - 4),
            eventLine: Rect(x: 0, y: h - 2, width: w, height: 1),
            keyLine: Rect(x: 0, y: h - 1, width: w, height: 1))
    }
}
