import Synchronization

/// Evaluates compiled networks in-process: the CPU-only mode.
public final class CPUBackend: InferenceBackend {
    private let current = Locked<GenerationModels?>(nil)
    /// Counts loads. Sessions read it (a load, no write: the cache line stays shared
    /// between cores) at every call and take the lock only when it changed, instead
    /// of locking the shared mutex and retaining the models at every tick.
    private let loads = Atomic<Int>(0)

    public init() {}

    public var mode: InferenceMode { .cpu }

    public func loadGeneration(_ models: GenerationModels) throws {
        current.withLock { $0 = models }
        loads.add(1, ordering: .releasing)
    }

    public func makeSession(worker: Int) -> any InferenceSession {
        CPUSession(backend: self)
    }

    fileprivate var models: GenerationModels? { current.withLock { $0 } }
    fileprivate var loadCount: Int { loads.load(ordering: .acquiring) }
}

/// One worker's CPU session: owns its scratch buffer (grown only when a bigger
/// network than any before appears).
///
/// Reading a `CompiledNetwork` out of the shared array copies it, which retains
/// and releases each of its arrays: atomic writes to reference counts that every
/// worker shares, so the cache lines bounce between cores on every row. The
/// session therefore keeps its own boxes, one per network, rebuilt once per
/// generation, and borrows each network through an unretained reference.
final class CPUSession: InferenceSession {
    private let backend: CPUBackend
    private let scratch = ScratchPool(workers: 1, initial: 1024)
    private var loaded: GenerationModels?
    private var boxes: [NetworkBox] = []
    /// `backend.loadCount` when `loaded` was last checked.
    private var checkedLoads = -1

    private final class NetworkBox {
        let network: CompiledNetwork
        init(_ network: CompiledNetwork) { self.network = network }
    }

    init(backend: CPUBackend) { self.backend = backend }

    func infer(_ batch: InferenceBatch) throws {
        let loads = backend.loadCount
        if loads != checkedLoads {
            // The models read here are at least as new as `loads` (the count is bumped after the store).
            guard let models = backend.models else { throw InferenceError.noGenerationLoaded }
            if loaded !== models {
                boxes = models.networks.map(NetworkBox.init)
                loaded = models
            }
            checkedLoads = loads
        }
        try boxes.withUnsafeBufferPointer { nets in
            for r in 0..<batch.count {
                let m = Int(batch.models[r])
                guard m >= 0 && m < nets.count else { throw InferenceError.unknownModel(m) }
                // `boxes` holds every box for the whole loop, so the unretained reference stays valid.
                Unmanaged.passUnretained(nets[m])._withUnsafeGuaranteedRef { box in
                    let s = scratch.buffer(worker: 0, count: box.network.scratchCount)
                    box.network.evaluate(inputs: batch.input(row: r), outputs: batch.output(row: r), scratch: s)
                }
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
