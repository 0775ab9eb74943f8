/// A tracker is saved with its counters and this generation's tables: a population
/// restored mid-generation must hand the same structural mutation the same numbers.
extension InnovationTracker: Codable {
    enum CodingKeys: String, CodingKey { case nextInnovation, nextNodeID, connections, splits }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(nextInnovation: try c.decode(Int.self, forKey: .nextInnovation), nextNodeID: try c.decode(Int.self, forKey: .nextNodeID),
                  connections: try c.decode([ConnectionInnovation].self, forKey: .connections),
                  splits: try c.decode([SplitRecord].self, forKey: .splits))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(nextInnovation, forKey: .nextInnovation)
        try c.encode(nextNodeID, forKey: .nextNodeID)
        try c.encode(connections, forKey: .connections)
        try c.encode(splits, forKey: .splits)
    }
}
