/// The largest network a document may describe: checked while a network is
/// read, before anything is allocated for it.
///
/// Ids are bounded by what a compiled network stores (32-bit slots): input ids
/// are −1 … −`numInputs`, output ids 0 ..< `numOutputs`, hidden ids from
/// `numOutputs` up to `Int32.max`. The counts bound the work and memory one
/// network can cost. Each limit carries the name of the setting that raises it,
/// so an error can say what to change (`--max-nodes` on `dashboard serve`).
///
/// ```swift
/// var limits = NetworkLimits.standard
/// limits.maxConnections.value = 10_000
/// let genome = try Genome(neatPythonNetwork: doc, limits: limits)
/// ```
public struct NetworkLimits: Sendable, Equatable {
    /// One bound and the setting that changes it.
    public struct Limit: Sendable, Equatable {
        public var value: Int
        /// What a user changes to raise it, e.g. `--max-nodes`.
        public var setting: String

        public init(_ value: Int, setting: String) {
            self.value = value
            self.setting = setting
        }
    }

    /// Inputs of one network (`topology.num_inputs`).
    public var maxInputs: Limit
    /// Outputs of one network (`topology.num_outputs`).
    public var maxOutputs: Limit
    /// Hidden and output nodes of one network (the input nodes are not counted).
    public var maxNodes: Limit
    /// Connections of one network, enabled or not.
    public var maxConnections: Limit

    public init(maxInputs: Limit, maxOutputs: Limit, maxNodes: Limit, maxConnections: Limit) {
        self.maxInputs = maxInputs
        self.maxOutputs = maxOutputs
        self.maxNodes = maxNodes
        self.maxConnections = maxConnections
    }

    /// The defaults of `dashboard serve` (docs/serving.md): far above any
    /// network the tasks evolve (the duel's have 100 inputs, 3 outputs and a few
    /// hundred connections), far below what would exhaust a server.
    public static let standard = NetworkLimits(
        maxInputs: Limit(10_000, setting: "--max-inputs"),
        maxOutputs: Limit(1_000, setting: "--max-outputs"),
        maxNodes: Limit(100_000, setting: "--max-nodes"),
        maxConnections: Limit(1_000_000, setting: "--max-connections"))

    /// The largest node id a network may use (compiled networks index slots with `Int32`).
    public static let maxNodeID = Int(Int32.max)
    /// The largest innovation number a connection may carry.
    public static let maxInnovation = Int(Int32.max)
}
