import ArgumentParser
import Logging
import Monitor

/// Builds the engine behind the monitor. PLACEHOLDER: the lead replaces this
/// with the real trainer (and the inference server child when remote is used).
enum MonitorSourceFactory {
    static func make(_ options: MonitorOptions, logger: Logger) throws -> any MonitorSource {
        throw ValidationError("engine not wired yet")
    }
}
