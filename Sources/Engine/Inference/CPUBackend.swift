import Synchronization

/// Evaluates compiled networks in-process: the CPU-only mode.
public final class CPUBackend: InferenceBackend {
    private let current = Mutex<GenerationModels?>(nil)

    public init() {}

    public var mode: InferenceMode { .cpu }

    public func loadGeneration(_ models: GenerationModels) throws {
        current.withLock { $0 = models }
    }

    public func makeSession(worker: Int) -> any InferenceSession {
        CPUSession(backend: self)
    }

    fileprivate var models: GenerationModels? { current.withLock { $0 } }
}

/// One worker's CPU session: owns its scratch buffer (grown only when a bigger
/// network than any before appears).
final class CPUSession: InferenceSession {
    private let backend: CPUBackend
    private let scratch = ScratchPool(workers: 1, initial: 1024)

    init(backend: CPUBackend) { self.backend = backend }

    func infer(_ batch: InferenceBatch) throws {
        guard let models = backend.models else { throw InferenceError.noGenerationLoaded }
        // Networks are used in place through the buffer (no copy, no retain per row).
        try models.networks.withUnsafeBufferPointer { nets in
            for r in 0..<batch.count {
                let m = Int(batch.models[r])
                guard m >= 0 && m < nets.count else { throw InferenceError.unknownModel(m) }
                let s = scratch.buffer(worker: 0, count: nets[m].scratchCount)
                nets[m].evaluate(inputs: batch.input(row: r), outputs: batch.output(row: r), scratch: s)
            }
        }
    }
}

/// Why an inference call failed.
public enum InferenceError: Error, Equatable, CustomStringConvertible {
    case noGenerationLoaded
    case unknownModel(Int)
    case remote(String)

    public var description: String {
        switch self {
        case .noGenerationLoaded: return "no generation loaded into the inference backend"
        case .unknownModel(let m): return "unknown model index \(m)"
        case .remote(let s): return s
        }
    }
}
