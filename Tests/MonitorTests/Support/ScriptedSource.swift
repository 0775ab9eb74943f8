import Engine
import Monitor
import Synchronization

/// A deterministic engine stand-in for tests: hands out scripted snapshots in
/// order (the last one repeats) and records every command it is sent.
final class ScriptedSource: MonitorSource {
    private struct State {
        var snapshots: [MetricsSnapshot]
        var index = 0
        var commands: [MonitorCommand] = []
    }
    private let state: Locked<State>
    let childPID: Int32?
    let remoteAvailable: Bool

    init(_ snapshots: [MetricsSnapshot], remoteAvailable: Bool = true, childPID: Int32? = nil) {
        precondition(!snapshots.isEmpty)
        state = Locked(State(snapshots: snapshots))
        self.remoteAvailable = remoteAvailable
        self.childPID = childPID
    }

    func snapshot() -> MetricsSnapshot {
        state.withLock { s in
            let snap = s.snapshots[min(s.index, s.snapshots.count - 1)]
            s.index += 1
            return snap
        }
    }

    func send(_ command: MonitorCommand) { state.withLock { $0.commands.append(command) } }

    var commands: [MonitorCommand] { state.withLock { $0.commands } }
}
