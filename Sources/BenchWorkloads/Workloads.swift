/// The workloads, in the order the gate and the suite report them.
///
/// Names are keys of benchmarks/baseline.json: renaming one drops its history
/// (the gate reports the old name as missing and the new one as new).
public enum Workloads {
    public static let all: [WorkloadDefinition] = [
        WorkloadDefinition(name: "feedforward-dense-single",
                           summary: "64 vectors through a dense 100 → 3 network, one call each",
                           make: { FeedForwardWorkload(shape: .dense, batch: 1) }),
        WorkloadDefinition(name: "feedforward-dense-batch8",
                           summary: "64 vectors through a dense 100 → 3 network, 8 batch calls of 8",
                           make: { FeedForwardWorkload(shape: .dense, batch: 8) }),
        WorkloadDefinition(name: "feedforward-sparse-hidden-single",
                           summary: "64 vectors through a sparse 100 → 8 hidden → 3 network, one call each",
                           make: { FeedForwardWorkload(shape: .sparseHidden, batch: 1) }),
        WorkloadDefinition(name: "feedforward-sparse-hidden-batch8",
                           summary: "64 vectors through a sparse 100 → 8 hidden → 3 network, 8 batch calls of 8",
                           make: { FeedForwardWorkload(shape: .sparseHidden, batch: 8) }),
        WorkloadDefinition(name: "duel-match",
                           summary: "one duel on the default 24 × 24 board: a dense network against the reference bot",
                           make: { DuelMatchWorkload() }),
        WorkloadDefinition(name: "xor-generation",
                           summary: "one XOR generation on neat-python's config (150 genomes): evaluate, then reproduce",
                           make: { XORGenerationWorkload() }),
        WorkloadDefinition(name: "compatibility-distance",
                           summary: "neat-python's compatibility distance: a gene table of 150 evolved XOR genomes, then all 11,175 pairs",
                           make: { CompatibilityDistanceWorkload() }),
        WorkloadDefinition(name: "crossover",
                           summary: "16 crossovers of evolved XOR genomes (neat-python's gene inheritance)",
                           make: { CrossoverWorkload() }),
        WorkloadDefinition(name: "infer-request-decode",
                           summary: "decodes a POST /infer body of 8 rows × 100 floats",
                           make: { InferDecodeWorkload() }),
        WorkloadDefinition(name: "v2-infer-request-decode",
                           summary: "decodes a POST /v2/models/{name}/infer body: JSON tensors, one FP32 input of 8 rows × 100 floats",
                           make: { V2InferDecodeWorkload() }),
        WorkloadDefinition(name: "v2-infer-response-decode",
                           summary: "the remote client decodes a v2 answer with JSON tensors: 8 rows × 3 outputs",
                           make: { V2ResponseDecodeWorkload() }),
        WorkloadDefinition(name: "population-upload-decode",
                           summary: "splits a PUT /v1/population body of 16 duel networks and decodes every network",
                           make: { PopulationUploadWorkload() }),
        WorkloadDefinition(name: "checkpoint-encode",
                           summary: "encodes a duel checkpoint (population 150, 30 generations in) as the checkpoint writer does",
                           make: { CheckpointEncodeWorkload() }),
    ]

    /// The definition called `name`, if there is one.
    public static func named(_ name: String) -> WorkloadDefinition? {
        all.first { $0.name == name }
    }
}
