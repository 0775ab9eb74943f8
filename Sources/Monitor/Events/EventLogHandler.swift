#if canImport(Glibc)
import Glibc
#endif
import Logging
import Synchronization
import Engine

/// A swift-log handler for while the terminal UI draws: nothing goes to
/// stdout or stderr. Every line goes to a log file; lines at `panelLevel` or
/// above (notices, warnings, errors: mode switches, failures) also go to the
/// event panel.
public struct EventLogHandler: LogHandler {
    /// The open log file, shared by all handler copies.
    public final class LogFile: Sendable {
        private let fd: Locked<Int32>
        public let path: String
        /// Opens (appends to) `path`; throws a message naming the path if it cannot.
        public init(path: String) throws {
            let f = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            guard f >= 0 else { throw LogFileError(description: "cannot open log file \(path): errno \(errno)") }
            fd = Locked(f)
            self.path = path
        }
        public func write(_ line: String) {
            var l = line
            l.append("\n")
            fd.withLock { f in
                _ = l.withCString { p in Glibc.write(f, p, strlen(p)) }
            }
        }
        deinit { fd.withLock { _ = close($0) } }
    }

    public struct LogFileError: Error, CustomStringConvertible { public var description: String }

    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let events: EventLog
    private let file: LogFile?
    private let panelLevel: Logger.Level
    private let clock: any NanoClock
    private let start: UInt64

    public init(label: String, events: EventLog, file: LogFile?, panelLevel: Logger.Level = .notice,
                clock: any NanoClock = SystemClock(), start: UInt64 = SystemClock().nanoseconds()) {
        self.label = label; self.events = events; self.file = file; self.panelLevel = panelLevel
        self.clock = clock; self.start = start
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let msg = event.message.description
        let secs = Double(clock.nanoseconds() &- start) / 1e9
        if let file {
            var meta = metadata
            if let extra = event.metadata { meta.merge(extra) { $1 } }
            let m = meta.isEmpty ? "" : " " + meta.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            file.write("\(Format.fixed(secs, 3))s \(event.level) \(label):\(m) \(msg)")
        }
        if event.level >= panelLevel {
            events.append(.init(seconds: secs, text: msg, isError: event.level >= .error))
        }
    }
}
