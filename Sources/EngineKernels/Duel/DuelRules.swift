/// The parameters of a light-cycles duel: board size, tick cap and obstacles.
///
/// The observation window is fixed at 10×10 (`observationSize == 100`, the input
/// width of every duel network), so only the board and the match length vary.
/// See `docs/duel.md` for the full rules.
///
/// ```swift
/// let rules = DuelRules()                       // 24×24, 300 ticks, 6 obstacle pairs
/// try rules.validate()
/// var match = DuelMatch(rules: rules, seed: 7)
/// ```
public struct DuelRules: Sendable, Hashable, Codable {
    /// Board width in cells, border walls included.
    public var width: Int
    /// Board height in cells, border walls included.
    public var height: Int
    /// A match that reaches this many ticks without a crash is a draw.
    public var tickCap: Int
    /// Number of point-symmetric obstacle pairs placed from the seed (2 cells each).
    public var obstaclePairs: Int

    public init(width: Int = 24, height: Int = 24, tickCap: Int = 300, obstaclePairs: Int = 6) {
        self.width = width
        self.height = height
        self.tickCap = tickCap
        self.obstaclePairs = obstaclePairs
    }

    /// Side of the square egocentric observation window.
    public static let viewSize = 10
    /// Floats per observation: one per window cell (the network input count).
    public static let observationSize = viewSize * viewSize
    /// Outputs a duel network must have: one per `DuelAction` (left, straight, right).
    public static let actionCount = 3
    /// Window row of the player's head (0-based, row 0 is farthest ahead): 7 rows
    /// ahead of the head are visible, 2 behind.
    public static let headRow = 7
    /// Window column of the player's head (0-based, column 0 is leftmost): 5
    /// columns to its left are visible, 4 to its right.
    public static let headColumn = 5

    /// Smallest legal width or height: room for both starts and their clear zones.
    public static let minimumSide = 8
    /// Largest legal width or height (keeps cell indices and flood fills small).
    public static let maximumSide = 1024

    /// Number of cells on the board.
    public var cellCount: Int { width * height }

    /// Checks every field and throws a `DuelRulesError` naming the first bad one.
    public func validate() throws(DuelRulesError) {
        for (name, value) in [("width", width), ("height", height)]
        where value < Self.minimumSide || value > Self.maximumSide {
            throw DuelRulesError(field: name, expected: "\(Self.minimumSide)…\(Self.maximumSide)", received: value)
        }
        if tickCap < 1 { throw DuelRulesError(field: "tickCap", expected: "at least 1", received: tickCap) }
        let most = maximumObstaclePairs
        if obstaclePairs < 0 || obstaclePairs > most {
            throw DuelRulesError(field: "obstaclePairs", expected: "0…\(most) for a \(width)×\(height) board", received: obstaclePairs)
        }
    }

    /// Most obstacle pairs a board of this size accepts: an eighth of the interior.
    public var maximumObstaclePairs: Int { max(0, (width - 2) * (height - 2) / 16) }
}
