#if canImport(Glibc)
import Glibc
#endif
import Engine
import Foundation
import Synchronization

/// A `dashboard serve` child process on a free loopback port: the default
/// server of `--mode remote` when no `--server-url` is given.
///
/// `start` spawns the server with `--port 0`, sends its stdout and stderr to a
/// log file, and waits for its `listening on http://HOST:PORT` line. The child
/// is stopped (SIGTERM, then SIGKILL after a grace period) by `stop()`, by
/// deinit, and by `EmbeddedServerRegistry.shared` from the CLI's exit and
/// signal paths. Where util-linux `setpriv` exists the child is also started
/// with a parent-death signal, so it ends even if this process is killed with
/// SIGKILL (children are spawned from one thread that lives as long as the
/// process, since Linux sends that signal when the spawning *thread* ends).
///
/// ```swift
/// let server = try EmbeddedServer.start(.init(logPath: "serve.log"))
/// defer { server.stop() }
/// var config = RemoteConfiguration(serverURL: server.url)
/// ```
public final class EmbeddedServer: Sendable {
    public struct Configuration: Sendable, Equatable {
        /// The server executable; nil means this process's own (`/proc/self/exe`).
        public var executable: String?
        /// Arguments; the default asks for a free loopback port.
        public var arguments: [String] = ["serve", "--host", "127.0.0.1", "--port", "0"]
        /// Where the child's stdout and stderr go (truncated at start).
        public var logPath: String
        /// How long to wait for the `listening on` line.
        public var startTimeout: Duration = .seconds(20)
        /// How long `stop()` waits after SIGTERM before SIGKILL.
        public var stopGrace: Duration = .seconds(2)
        /// Start through `setpriv --pdeathsig TERM` when available.
        public var parentDeathSignal: Bool = true

        /// `<temporary directory>/dashboard-serve-<this pid>.log`.
        public static var defaultLogPath: String {
            FileManager.default.temporaryDirectory.appendingPathComponent("dashboard-serve-\(getpid()).log").path
        }

        public init(executable: String? = nil, logPath: String = Configuration.defaultLogPath) {
            self.executable = executable
            self.logPath = logPath
        }
    }

    /// The child's process id.
    public let pid: Int32
    /// The server's base URL, e.g. `http://127.0.0.1:40123`.
    public let url: String
    /// The child's output.
    public let logPath: String
    private let stopGrace: Duration
    private let stopped = Locked<Bool>(false)
    private let exitStatus = Locked<String?>(nil)

    private init(pid: Int32, url: String, logPath: String, stopGrace: Duration) {
        self.pid = pid
        self.url = url
        self.logPath = logPath
        self.stopGrace = stopGrace
    }

    deinit { stop() }

    /// Starts the server and returns once it listens.
    ///
    /// - Throws: `EmbeddedServerError` with the tail of the child's output when
    ///   it exits early or stays silent past `startTimeout` (it is then stopped).
    public static func start(_ configuration: Configuration) throws(EmbeddedServerError) -> EmbeddedServer {
        let executable = configuration.executable ?? currentExecutable()
        guard access(executable, X_OK) == 0 else { throw .executableNotFound(path: executable) }
        let logFD = open(configuration.logPath, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o644)
        guard logFD >= 0 else { throw .logFile(path: configuration.logPath, reason: String(cString: strerror(errno))) }
        defer { close(logFD) }

        var argv = [executable] + configuration.arguments
        let setpriv = "/usr/bin/setpriv"
        if configuration.parentDeathSignal, access(setpriv, X_OK) == 0 {
            argv = [setpriv, "--pdeathsig", "TERM", "--"] + argv
        }
        let command = argv
        let spawned = SpawnThread.shared.run { Result { () throws(EmbeddedServerError) in try spawn(command, outputFD: logFD) } }
        let pid = try spawned.get()

        let waitStart = SystemClock().nanoseconds()
        let limit = UInt64(configuration.startTimeout.nanoseconds)
        while true {
            if let url = listeningURL(inFile: configuration.logPath) {
                let server = EmbeddedServer(pid: pid, url: url, logPath: configuration.logPath, stopGrace: configuration.stopGrace)
                EmbeddedServerRegistry.shared.register(server)
                return server
            }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                throw .exitedBeforeListening(status: describe(status: status), logPath: configuration.logPath,
                                             outputTail: tail(ofFile: configuration.logPath))
            }
            if SystemClock().nanoseconds() &- waitStart > limit {
                terminate(pid: pid, grace: configuration.stopGrace)
                throw .startTimeout(milliseconds: configuration.startTimeout.milliseconds, logPath: configuration.logPath,
                                    outputTail: tail(ofFile: configuration.logPath))
            }
            usleep(5_000)
        }
    }

    /// Stops the child: SIGTERM, then SIGKILL after the grace period; reaps it.
    /// Idempotent and safe from any thread.
    public func stop() {
        let first = stopped.withLock { s in
            defer { s = true }
            return !s
        }
        guard first else { return }
        let status = Self.terminate(pid: pid, grace: stopGrace)
        exitStatus.withLock { $0 = status }
        EmbeddedServerRegistry.shared.unregister(self)
    }

    /// How the child ended when it exited by itself (a crash, a kill from outside): it is
    /// reaped and counts as stopped. nil while it runs, and after `stop()`.
    public func exitedOnItsOwn() -> String? {
        let status = stopped.withLock { s -> String? in
            guard !s else { return nil }
            var raw: Int32 = 0
            guard waitpid(pid, &raw, WNOHANG) == pid else { return nil }
            s = true
            return Self.describe(status: raw)
        }
        guard let status else { return nil }
        exitStatus.withLock { $0 = status }
        EmbeddedServerRegistry.shared.unregister(self)
        return status
    }

    /// How the child ended ("exit 0", "signal 15"), once stopped.
    public var terminationStatus: String? { exitStatus.withLock { $0 } }

    /// Whether the child is still running (not yet reaped and not stopped).
    public var isRunning: Bool {
        stopped.withLock { $0 } ? false : kill(pid, 0) == 0
    }

    // MARK: Process plumbing

    static func currentExecutable() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return CommandLine.arguments[0] }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Spawns `argv` with stdin from /dev/null and stdout + stderr to `outputFD`,
    /// with default signal handling and an empty signal mask.
    private static func spawn(_ argv: [String], outputFD: Int32) throws(EmbeddedServerError) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outputFD, 1)
        posix_spawn_file_actions_adddup2(&actions, outputFD, 2)

        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attr, &mask)
        // Signals this process ignores (NIO ignores SIGPIPE) stay ignored across
        // exec unless reset; the child must die on SIGTERM/SIGINT as usual.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attr, &defaults)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        // Copy the environment rather than touching the C global `environ`.
        let env = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        var cArgv: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var cEnv: [UnsafeMutablePointer<CChar>?] = env.map { strdup($0) } + [nil]
        defer {
            for p in cArgv { free(p) }
            for p in cEnv { free(p) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, &attr, &cArgv, &cEnv)
        guard rc == 0 else { throw .spawnFailed(path: argv[0], reason: String(cString: strerror(rc))) }
        return pid
    }

    /// SIGTERM, wait up to `grace`, SIGKILL; reaps. Returns how it ended.
    @discardableResult
    static func terminate(pid: Int32, grace: Duration) -> String {
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid { return describe(status: status) }
        kill(pid, SIGTERM)
        let start = SystemClock().nanoseconds()
        let limit = UInt64(grace.nanoseconds)
        while SystemClock().nanoseconds() &- start < limit {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { return describe(status: status) }
            if r < 0 { return "not a child any more (\(String(cString: strerror(errno))))" }
            usleep(2_000)
        }
        kill(pid, SIGKILL)
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return describe(status: status) + " after SIGKILL"
    }

    static func describe(status: Int32) -> String {
        // WIFEXITED / WTERMSIG are macros Swift cannot import.
        let signal = status & 0x7f
        if signal == 0 { return "exit \((status >> 8) & 0xff)" }
        return "signal \(signal)"
    }

    /// The `http://HOST:PORT` of the first `listening on http://…` line of the file.
    static func listeningURL(inFile path: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return listeningURL(inOutput: text)
    }

    /// The URL after `listening on ` in the first complete line that has one.
    static func listeningURL(inOutput text: String) -> String? {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).dropLast(text.hasSuffix("\n") ? 0 : 1) {
            guard let r = line.range(of: "listening on http://") else { continue }
            let rest = line[line.index(r.lowerBound, offsetBy: "listening on ".count)...]
            var url = String(rest.prefix { !$0.isWhitespace })
            while url.hasSuffix("/") { url.removeLast() }
            return url
        }
        return nil
    }

    /// The last few lines of the file, for error messages.
    static func tail(ofFile path: String, lines: Int = 20) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), !text.isEmpty else { return "(no output)" }
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }
}

