/// A genome carried unchanged into the next generation: genome `index` of the new
/// generation has exactly the genes of genome `source` of the generation it was
/// made from, so its evaluation may be reused.
public struct EliteCopy: Sendable, Equatable, Codable {
    public var index: Int
    public var source: Int
    public init(index: Int, source: Int) { self.index = index; self.source = source }
}
