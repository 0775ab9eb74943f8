#if canImport(Glibc)
import Engine
import Glibc
#endif
import Synchronization

/// Every running `EmbeddedServer` of this process, so the CLI can stop them
/// from its exit paths: `stopAll()` from `atexit` or a signal-handling queue,
/// `signalAll(_:)` from inside a raw signal handler.
///
/// ```swift
/// EmbeddedServerRegistry.shared.installAtExit()
/// signal(SIGINT) { sig in EmbeddedServerRegistry.shared.signalAll(SIGTERM); _exit(128 + sig) }
/// ```
public final class EmbeddedServerRegistry: Sendable {
    public static let shared = EmbeddedServerRegistry()

    /// Child pids in fixed slots (0 = free): read without locks or allocation,
    /// which is what a signal handler may do.
    private let slots: [PidSlot] = (0..<64).map { _ in PidSlot() }
    private let servers = Locked<[ObjectIdentifier: WeakServer]>([:])
    private let atExitInstalled = Atomic<Bool>(false)

    private final class PidSlot: Sendable {
        let pid = Atomic<Int32>(0)
    }

    private struct WeakServer: @unchecked Sendable {
        // Only read under `servers`' lock, and `EmbeddedServer` is itself Sendable;
        // `weak` storage is what keeps this from being an automatic Sendable.
        weak var server: EmbeddedServer?
    }

    init() {}

    func register(_ server: EmbeddedServer) {
        servers.withLock { $0[ObjectIdentifier(server)] = WeakServer(server: server) }
        for slot in slots {
            if slot.pid.compareExchange(expected: 0, desired: server.pid, ordering: .acquiringAndReleasing).exchanged { return }
        }
        // More than 64 children: still stopped by `stopAll`, just not by `signalAll`.
    }

    func unregister(_ server: EmbeddedServer) {
        servers.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(server)) }
        for slot in slots {
            if slot.pid.compareExchange(expected: server.pid, desired: 0, ordering: .acquiringAndReleasing).exchanged { return }
        }
    }

    /// Pids of the registered children.
    public var pids: [Int32] { slots.map { $0.pid.load(ordering: .acquiring) }.filter { $0 != 0 } }

    /// Sends `signal` to every registered child. Async-signal-safe: only
    /// atomic loads and `kill(2)`; no locks, no allocation.
    public func signalAll(_ signal: Int32) {
        for slot in slots {
            let pid = slot.pid.load(ordering: .acquiring)
            if pid > 0 { kill(pid, signal) }
        }
    }

    /// Stops every registered child (SIGTERM, then SIGKILL after its grace
    /// period) and waits for them. Not for raw signal handlers (it locks).
    public func stopAll() {
        let live = servers.withLock { $0.values.compactMap(\.server) }
        for server in live { server.stop() }
    }

    /// Registers `stopAll()` with `atexit`, once per process.
    public func installAtExit() {
        guard !atExitInstalled.exchange(true, ordering: .acquiringAndReleasing) else { return }
        atexit { EmbeddedServerRegistry.shared.stopAll() }
    }
}
