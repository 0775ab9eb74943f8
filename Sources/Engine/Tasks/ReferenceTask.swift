/// What one evaluation of a network on a task gave.
public struct TaskResult: Sendable, Equatable {
    public var fitness: Double
    /// Whether this network solves the task by the task's own criterion.
    public var solved: Bool

    public init(fitness: Double, solved: Bool) {
        self.fitness = fitness
        self.solved = solved
    }
}

/// A single-network benchmark task (XOR, double pole balancing).
public protocol ReferenceTask: Sendable {
    var name: String { get }
    var inputs: Int { get }
    var outputs: Int { get }
    /// Generations after which an unsolved run counts as a failure.
    var defaultMaxGenerations: Int { get }
    /// Index of the input fixed at a constant (the networks' bias), if any.
    var biasInputIndex: Int? { get }
    /// Floats of scratch space `evaluate` needs for `network`.
    func scratchFloats(for network: borrowing CompiledNetwork) -> Int
    /// Evaluates a network; `scratch` holds at least `scratchFloats(for: network)` floats.
    func evaluate(_ network: CompiledNetwork, scratch: UnsafeMutablePointer<Float>) -> TaskResult
    /// Whether the result depends on the network alone (no randomness, no opponents),
    /// so that a genome copied unchanged into the next generation need not be evaluated again.
    var resultDependsOnNetworkOnly: Bool { get }
}

extension ReferenceTask {
    public var biasInputIndex: Int? { nil }
    public var resultDependsOnNetworkOnly: Bool { false }
    public func scratchFloats(for network: borrowing CompiledNetwork) -> Int { network.scratchCount }
}
