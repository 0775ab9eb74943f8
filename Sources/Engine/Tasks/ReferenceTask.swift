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
    /// Evaluates a network; `scratch` holds at least `network.scratchCount` floats.
    func evaluate(_ network: CompiledNetwork, scratch: UnsafeMutablePointer<Float>) -> TaskResult
}
