/// Why an ASCII board could not be turned into a `DuelMatch`.
public struct DuelBoardError: Error, Equatable, CustomStringConvertible {
    /// 0-based row of the problem, when it has one.
    public let row: Int?
    /// 0-based column of the problem, when it has one.
    public let column: Int?
    public let message: String

    public init(row: Int? = nil, column: Int? = nil, _ message: String) {
        self.row = row
        self.column = column
        self.message = message
    }

    public var description: String {
        switch (row, column) {
        case let (r?, c?): "duel board row \(r), column \(c): \(message)"
        case let (r?, nil): "duel board row \(r): \(message)"
        default: "duel board: \(message)"
        }
    }
}
