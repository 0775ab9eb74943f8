#if canImport(Glibc)
import Glibc
#endif
import Engine

/// A reference feed-forward kernel loaded from a shared library (the plain C of
/// scripts/feedforward-reference.c, which scripts/bench-feedforward compiles with
/// `-O3 -march=native -ffast-math`), holding one compiled network.
///
/// The library exports `ff_reference_abi` (returns 1), `ff_reference_create` (the
/// network's flat arrays; returns a handle or NULL), `ff_reference_evaluate` and
/// `ff_reference_destroy`. It only ever runs in a benchmark: the dashboard's own
/// build never compiles or needs it.
final class FeedForwardReference {
    private typealias Create = @convention(c) (Int32, Int32, Int32, UnsafePointer<Int32>, UnsafePointer<Int32>, UnsafePointer<Float>,
                                               UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Int32>) -> UnsafeMutableRawPointer?
    private typealias Evaluate = @convention(c) (UnsafeMutableRawPointer, UnsafePointer<Float>, Int32, UnsafeMutablePointer<Float>) -> Void
    private typealias Destroy = @convention(c) (UnsafeMutableRawPointer) -> Void
    private typealias ABI = @convention(c) () -> Int32

    struct LoadError: Error, CustomStringConvertible {
        var description: String
    }

    private let library: UnsafeMutableRawPointer
    private let handle: UnsafeMutableRawPointer
    private let evaluateFunction: Evaluate
    private let destroyFunction: Destroy

    /// Loads the library at `path` and gives it `network`, whose nodes must all sum
    /// their inputs and apply neat-python's sigmoid (what the reference computes).
    init(path: String, network: CompiledNetwork) throws {
        guard network.nodeActivationStorage.prefix(network.nodeCount).allSatisfy({ $0 == .sigmoid }),
              network.nodeAggregationStorage.prefix(network.nodeCount).allSatisfy({ $0 == .sum }) else {
            throw LoadError(description: "--reference: the reference computes sum and sigmoid nodes only")
        }
        guard let library = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw LoadError(description: "--reference \(path): \(dlerror().map { String(cString: $0) } ?? "cannot be loaded")")
        }
        func symbol<T>(_ name: String, as _: T.Type) throws -> T {
            guard let p = dlsym(library, name) else {
                dlclose(library)
                throw LoadError(description: "--reference \(path): no symbol \(name) (build it from scripts/feedforward-reference.c)")
            }
            return unsafeBitCast(p, to: T.self)
        }
        let abi = try symbol("ff_reference_abi", as: ABI.self)
        guard abi() == 1 else {
            dlclose(library)
            throw LoadError(description: "--reference \(path): ABI version \(abi()), expected 1")
        }
        let create = try symbol("ff_reference_create", as: Create.self)
        evaluateFunction = try symbol("ff_reference_evaluate", as: Evaluate.self)
        destroyFunction = try symbol("ff_reference_destroy", as: Destroy.self)
        let n = network
        let starts = Array(n.nodeStartStorage.prefix(n.nodeCount + 1)), sources = Array(n.connSourceStorage.prefix(n.connectionCount))
        let weights = Array(n.connWeightStorage.prefix(n.connectionCount)), bias = Array(n.nodeBiasStorage.prefix(n.nodeCount))
        let response = Array(n.nodeResponseStorage.prefix(n.nodeCount))
        // Non-empty arrays, so every base address exists.
        guard let handle = create(Int32(n.inputCount), Int32(n.outputCount), Int32(n.nodeCount), starts, sources + [0], weights + [0],
                                  bias + [0], response + [0], n.outputSlots + [0]) else {
            dlclose(library)
            throw LoadError(description: "--reference \(path): ff_reference_create failed")
        }
        self.library = library
        self.handle = handle
    }

    deinit {
        destroyFunction(handle)
        dlclose(library)
    }

    /// The benchmark's view of the reference: `rows` row-major vectors in, outputs out.
    var kernel: FeedForwardBenchmark.ReferenceKernel {
        let evaluate = evaluateFunction, handle = handle
        return { inputs, rows, outputs in evaluate(handle, inputs, Int32(rows), outputs) }
    }
}
