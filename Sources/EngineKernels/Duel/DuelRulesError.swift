/// A `DuelRules` field out of range.
public struct DuelRulesError: Error, Equatable, CustomStringConvertible {
    public let field: String
    public let expected: String
    public let received: Int

    public var description: String { "duel rules: \(field) must be \(expected), got \(received)" }
}
