import Engine
import Foundation
import Logging
import Testing
@testable import Monitor

@Suite struct EventLogTests {
    @Test func ringKeepsTheNewest() {
        let log = EventLog(capacity: 3)
        for i in 1...5 { log.append(.init(seconds: Double(i), text: "e\(i)")) }
        #expect(log.recent(10).map(\.text) == ["e3", "e4", "e5"])
        #expect(log.recent(2).map(\.text) == ["e4", "e5"])
        #expect(log.version == 5)
    }

    @Test func handlerSendsNoticesToPanelAndEverythingToFile() throws {
        let path = NSTemporaryDirectory() + "eventlog-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let events = EventLog()
        let clock = ManualClock(start: 0)
        let file = try EventLogHandler.LogFile(path: path)
        var logger = Logger(label: "t") { EventLogHandler(label: $0, events: events, file: file, clock: clock, start: 0) }
        logger.logLevel = .debug
        clock.advance(by: 1_500_000_000)
        logger.info("Tournament stats - Time: 12ms, Match count: 10, p50: 5µs, p95: 6µs, p99: 7µs")
        logger.notice("mode switched", metadata: ["to": "cpu"])
        logger.error("remote failed")
        #expect(events.recent(10) == [.init(seconds: 1.5, text: "mode switched"),
                                      .init(seconds: 1.5, text: "remote failed", isError: true)])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("1.500s info t: Tournament stats - Time: 12ms"))
        #expect(text.contains("notice t: to=cpu mode switched"))
        #expect(text.split(separator: "\n").count == 3)
    }

    @Test func unopenableLogFileIsAClearError() {
        #expect { try EventLogHandler.LogFile(path: "/proc/nope/x.log") } throws: { "\($0)".contains("/proc/nope/x.log") }
    }
}
