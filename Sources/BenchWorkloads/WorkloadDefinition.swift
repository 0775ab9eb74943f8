/// A workload's name, what it measures, and how to build it.
public struct WorkloadDefinition: Sendable {
    /// Stable identifier: the key in benchmarks/baseline.json and the suite's benchmark name.
    public let name: String
    /// One line: what one `run()` does.
    public let summary: String
    /// Builds the workload (its networks, genomes, request bodies).
    public let make: @Sendable () -> any Workload
}
