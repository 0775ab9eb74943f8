/// A connection gene with its historical marking (innovation number).
public struct ConnectionGene: Sendable, Equatable, Hashable, Codable {
    /// The historical marking: genes with the same innovation share an origin.
    public var innovation: Int
    public var from: Int
    public var to: Int
    public var weight: Double
    public var enabled: Bool

    public init(innovation: Int, from: Int, to: Int, weight: Double, enabled: Bool = true) {
        self.innovation = innovation
        self.from = from
        self.to = to
        self.weight = weight
        self.enabled = enabled
    }
}
