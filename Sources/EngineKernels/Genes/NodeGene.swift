/// A node of a genome. Inputs are implicit (ids −1 … −numInputs, as in
/// neat-python); outputs have ids 0 ..< numOutputs; hidden nodes come after.
public struct NodeGene: Sendable, Equatable, Hashable, Codable {
    public var id: Int
    public var activation: Activation
    public var aggregation: Aggregation
    public var bias: Double
    public var response: Double

    public init(id: Int, activation: Activation, aggregation: Aggregation = .sum, bias: Double = 0, response: Double = 1) {
        self.id = id
        self.activation = activation
        self.aggregation = aggregation
        self.bias = bias
        self.response = response
    }
}
