/// The models of one generation, by index (the index is the model id a batch row names).
public final class GenerationModels: Sendable {
    public let generation: Int
    public let genomes: [Genome]
    public let networks: [CompiledNetwork]

    public init(generation: Int, genomes: [Genome], networks: [CompiledNetwork]? = nil) {
        self.generation = generation
        self.genomes = genomes
        self.networks = networks ?? genomes.map(CompiledNetwork.init)
    }

    public var count: Int { genomes.count }
}

/// A reusable buffer of inference rows: row r asks model `models[r]` for the
/// outputs of `inputs[r*inputWidth ..< (r+1)*inputWidth]` and receives them in
/// `outputs[r*outputWidth ..< (r+1)*outputWidth]`. Allocated once per worker.
public final class InferenceBatch {
    public let inputWidth: Int
    public let outputWidth: Int
    public let capacity: Int
    public var count: Int = 0
    public let models: UnsafeMutableBufferPointer<Int32>
    public let inputs: UnsafeMutableBufferPointer<Float>
    public let outputs: UnsafeMutableBufferPointer<Float>

    public init(capacity: Int, inputWidth: Int, outputWidth: Int) {
        self.capacity = capacity
        self.inputWidth = inputWidth
        self.outputWidth = outputWidth
        models = .allocate(capacity: capacity)
        inputs = .allocate(capacity: capacity * inputWidth)
        outputs = .allocate(capacity: capacity * outputWidth)
        models.initialize(repeating: 0)
        inputs.initialize(repeating: 0)
        outputs.initialize(repeating: 0)
    }

    deinit {
        models.deallocate()
        inputs.deallocate()
        outputs.deallocate()
    }

    /// Appends a row and returns a pointer to its `inputWidth` input floats.
    @inline(__always)
    public func appendRow(model: Int32) -> UnsafeMutablePointer<Float> {
        precondition(count < capacity, "inference batch full (capacity \(capacity))")
        models[count] = model
        let p = inputs.baseAddress! + count * inputWidth
        count += 1
        return p
    }

    @inline(__always) public func input(row r: Int) -> UnsafeMutablePointer<Float> { inputs.baseAddress! + r * inputWidth }
    @inline(__always) public func output(row r: Int) -> UnsafeMutablePointer<Float> { outputs.baseAddress! + r * outputWidth }
}

/// Evaluates batches of rows for one worker thread. Not shared between threads.
public protocol InferenceSession: AnyObject {
    /// Fills `batch.outputs` for its `count` rows, or throws (nothing is silently dropped).
    func infer(_ batch: InferenceBatch) throws
}

/// An inference service: in-process CPU, or a remote HTTP server.
///
/// The tournament calls `loadGeneration` once per generation before any match
/// starts, then each worker thread makes one session and calls `infer` once per
/// lockstep tick with every live player's observation. A backend never sees the game.
public protocol InferenceBackend: Sendable {
    var mode: InferenceMode { get }
    /// Makes this generation's models available (the remote backend uploads them).
    func loadGeneration(_ models: GenerationModels) throws
    /// A session for worker `worker` (0-based).
    func makeSession(worker: Int) -> any InferenceSession
}
