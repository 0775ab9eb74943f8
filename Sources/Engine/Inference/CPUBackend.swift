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

/// One worker's CPU session: owns its scratch buffer; allocates only when a
/// bigger network than any before appears.
final class CPUSession: InferenceSession {
    private let backend: CPUBackend
    private var scratch: UnsafeMutablePointer<Float>
    private var scratchCapacity: Int

    init(backend: CPUBackend) {
        self.backend = backend
        scratchCapacity = 1024
        scratch = .allocate(capacity: scratchCapacity)
    }

    deinit { scratch.deallocate() }

    func infer(_ batch: InferenceBatch) throws {
        guard let models = backend.models else { throw InferenceError.noGenerationLoaded }
        // Networks are used in place through the buffer (no copy, no retain per row).
        try models.networks.withUnsafeBufferPointer { nets in
            for r in 0..<batch.count {
                let m = Int(batch.models[r])
                guard m >= 0 && m < nets.count else { throw InferenceError.unknownModel(m) }
                let need = nets[m].scratchCount
                if need > scratchCapacity {
                    scratch.deallocate()
                    scratchCapacity = need * 2
                    scratch = .allocate(capacity: scratchCapacity)
                }
                nets[m].evaluate(inputs: batch.input(row: r), outputs: batch.output(row: r), scratch: scratch)
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
