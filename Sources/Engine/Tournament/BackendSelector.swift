import Synchronization

/// Holds the inference backend in use and switches it safely mid-generation.
///
/// A switch loads the current generation into the new backend first, then
/// publishes it; workers pick it up at their next tick batch, so nothing in
/// flight is lost or counted twice.
public final class BackendSelector: Sendable {
    private struct State {
        var backend: any InferenceBackend
        var version: Int
        var models: GenerationModels?
    }

    private let state: Locked<State>
    /// The switch count, readable without the lock (workers poll it every tick).
    private let switches = Atomic<Int>(0)
    /// Serialises switches and generation loads (which may upload over HTTP).
    private let loadLock = Locked<Void>(())

    public init(_ backend: any InferenceBackend) {
        state = Locked(State(backend: backend, version: 0, models: nil))
    }

    /// The backend in use and a version number that changes with every switch.
    public var current: (backend: any InferenceBackend, version: Int) {
        state.withLock { ($0.backend, $0.version) }
    }

    public var mode: InferenceMode { state.withLock { $0.backend.mode } }

    /// The current version without taking the lock: equal to `current.version`
    /// once a switch has completed.
    @inline(__always)
    public var version: Int { switches.load(ordering: .acquiring) }

    /// Loads a new generation into the active backend.
    public func beginGeneration(_ models: GenerationModels) throws {
        try loadLock.withLock { _ in
            let backend = state.withLock { $0.backend }
            try backend.loadGeneration(models)
            state.withLock { $0.models = models }
        }
    }

    /// Switches to `backend` (after loading the current generation into it).
    public func switchTo(_ backend: any InferenceBackend) throws {
        try loadLock.withLock { _ in
            if let m = state.withLock({ $0.models }) { try backend.loadGeneration(m) }
            state.withLock { s in
                s.backend = backend
                s.version += 1
            }
            switches.add(1, ordering: .releasing)
        }
    }
}
