import Foundation
import Glibc
import Testing
@testable import Serving
import Wire

/// `EmbeddedServer` with small shell scripts standing in for `dashboard serve`.
@Suite(.serialized) struct EmbeddedServerTests {
    /// Writes an executable script into a fresh temporary folder; returns its path and a log path.
    static func script(_ body: String) throws -> (path: String, log: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("embedded-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("serve.sh").path
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        // Tests run in parallel and other tests spawn processes: a child forked while
        // this file's write descriptor was open keeps it until it execs, and exec'ing
        // the script then fails with ETXTBSY (exit 126). Give such children time to exec.
        usleep(200_000)
        return (path, dir.appendingPathComponent("serve.log").path)
    }

    static func alive(_ pid: Int32) -> Bool { kill(pid, 0) == 0 }

    @Test func startsWaitsForTheListeningLineAndStops() async throws {
        let (path, log) = try Self.script("""
            echo "starting up" >&2
            echo "listening on http://127.0.0.1:45678"
            echo "args: $@"
            exec sleep 600
            """)
        let server = try await onThread { try EmbeddedServer.start(.init(executable: path, logPath: log)) }
        #expect(server.url == "http://127.0.0.1:45678")
        #expect(Self.alive(server.pid))
        #expect(EmbeddedServerRegistry.shared.pids.contains(server.pid))
        _ = try await onThread { server.stop() }
        #expect(!Self.alive(server.pid))
        #expect(server.terminationStatus == "signal 15")
        #expect(!EmbeddedServerRegistry.shared.pids.contains(server.pid))
        let output = try String(contentsOfFile: log, encoding: .utf8)
        #expect(output.contains("starting up") && output.contains("args: serve --host 127.0.0.1 --port 0"))
    }

    /// A child killed from outside is noticed (and reaped) by `exitedOnItsOwn`, and counts as stopped.
    @Test func aKilledChildIsNoticed() async throws {
        let (path, log) = try Self.script("""
            echo "listening on http://127.0.0.1:45679"
            exec sleep 600
            """)
        let server = try await onThread { try EmbeddedServer.start(.init(executable: path, logPath: log)) }
        #expect(server.exitedOnItsOwn() == nil)
        kill(server.pid, SIGKILL)
        var status: String? = nil
        for _ in 0..<200 where status == nil {
            status = server.exitedOnItsOwn()
            usleep(5_000)
        }
        #expect(status == "signal 9")
        #expect(!server.isRunning)
        #expect(server.terminationStatus == "signal 9")
        #expect(!EmbeddedServerRegistry.shared.pids.contains(server.pid))
        #expect(server.exitedOnItsOwn() == nil)   // reported once
    }

    @Test func childThatIgnoresSIGTERMIsKilled() async throws {
        let (path, log) = try Self.script("""
            trap '' TERM
            echo "listening on http://127.0.0.1:1234/"
            while true; do sleep 0.05; done
            """)
        var config = EmbeddedServer.Configuration(executable: path, logPath: log)
        config.stopGrace = .milliseconds(200)
        config.parentDeathSignal = false
        let frozen = config
        let server = try await onThread { try EmbeddedServer.start(frozen) }
        #expect(server.url == "http://127.0.0.1:1234")
        _ = try await onThread { server.stop() }
        #expect(!Self.alive(server.pid))
        #expect(server.terminationStatus == "signal 9 after SIGKILL")
    }

    @Test func earlyExitReportsStatusAndOutputTail() async throws {
        let (path, log) = try Self.script("""
            echo "error: port 8000 already in use" >&2
            exit 3
            """)
        await #expect {
            _ = try await onThread { try EmbeddedServer.start(.init(executable: path, logPath: log)) }
        } throws: { error in
            guard let e = error as? EmbeddedServerError, case .exitedBeforeListening(let status, _, let tail) = e else { return false }
            return status == "exit 3" && tail.contains("port 8000 already in use")
        }
    }

    @Test func silentChildTimesOutAndIsStopped() async throws {
        let (path, log) = try Self.script("""
            echo "loading models" >&2
            exec sleep 600
            """)
        var config = EmbeddedServer.Configuration(executable: path, logPath: log)
        config.startTimeout = .milliseconds(300)
        let frozen = config
        await #expect {
            _ = try await onThread { try EmbeddedServer.start(frozen) }
        } throws: { error in
            guard let e = error as? EmbeddedServerError, case .startTimeout(300, _, let tail) = e else { return false }
            return tail.contains("loading models") && e.description.contains("within 300 ms")
        }
    }

    @Test func missingExecutableIsAClearError() async throws {
        #expect(throws: EmbeddedServerError.executableNotFound(path: "/nonexistent/dashboard")) {
            try EmbeddedServer.start(.init(executable: "/nonexistent/dashboard", logPath: "/tmp/unused.log"))
        }
    }

    @Test func registryStopsEveryChild() async throws {
        let (path, log) = try Self.script("""
            echo "listening on http://127.0.0.1:5555"
            exec sleep 600
            """)
        let server = try await onThread { try EmbeddedServer.start(.init(executable: path, logPath: log)) }
        #expect(Self.alive(server.pid))
        _ = try await onThread { EmbeddedServerRegistry.shared.stopAll() }
        #expect(!Self.alive(server.pid))
        #expect(EmbeddedServerRegistry.shared.pids.isEmpty)
    }

    @Test func listeningLineParsing() {
        #expect(EmbeddedServer.listeningURL(inOutput: "x\nINFO listening on http://127.0.0.1:80 (pid 4)\n") == "http://127.0.0.1:80")
        // A line still being written does not count.
        #expect(EmbeddedServer.listeningURL(inOutput: "listening on http://127.0.0.1:80") == nil)
        #expect(EmbeddedServer.listeningURL(inOutput: "listening on port 80\n") == nil)
    }
}
