import Engine
import Foundation
import Logging
import Testing
@testable import Monitor

@Suite struct MonitorAppTests {
    @Test func summaryLine() {
        let line = MonitorApp.summaryLine(Fixtures.snapshot, system: Fixtures.system, glyphs: .ascii)
        #expect(line == "Summary - Mode: CPU-only, Generation: 42, Best: 12.500, Mean: 3.250, Species: 7, Win rate: 62.5%, "
                + "Gen/s: 0.50, Inference p99: 35us, Vectors/s: 2.0k, CPU: 187%, RSS: 50.0 MiB, Uptime: 01:02:05")
    }

    /// A remote mode's summary adds one HTTP request's p99 beside the per-tick one.
    @Test func remoteSummaryLineHasThePerRequestP99() {
        var remote = Fixtures.remoteSingleFigures
        remote.requestLatency = LatencySummary(count: 40_000, p50: 70, p95: 110, p99: 150, max: 900, mean: 80)
        var snap = Fixtures.snapshot
        snap.modes = [Fixtures.cpuFigures, remote]
        snap.currentMode = .remote(batch: 1)
        let line = MonitorApp.summaryLine(snap, system: Fixtures.system, glyphs: .ascii)
        #expect(line.contains("Inference p99: 900us, Request p99: 150us, Requests/s: 1.0k, Vectors/s: 1.0k, Errors: 12"))
    }

    @Test func keysReachTheSourceAsCommands() throws {
        let dir = NSTemporaryDirectory() + "app-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = ScriptedSource([Fixtures.snapshot])
        let events = EventLog()
        let app = MonitorApp(source: source, options: MonitorOptions(headless: true, csvDirectory: dir), events: events,
                             logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
                             themes: ThemeLoader(directories: [Fixtures.path("themes")]))
        for key in "rb c" { _ = app.press(Int32(key.asciiValue!)) }
        #expect(source.commands == [.setMode(.remote(batch: 1)), .setMode(.remote(batch: 8)), .pause, .setMode(.cpu)])
        #expect(app.press(Int32(Character("s").asciiValue!)) == false)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(files.count == 1 && files[0].hasSuffix(".csv"))
        #expect(events.recent(1).first?.text == "snapshot written: \(dir)/\(files[0])")
        #expect(app.press(Int32(Character("S").asciiValue!)) == false)
        #expect(source.commands.last == .checkpointNow)
        #expect(events.recent(1).first?.text.hasPrefix("checkpoint requested") == true)
        #expect(app.press(Int32(Character("q").asciiValue!)) == true)
    }

    /// While the screen is drawn, `s` also writes the screen as SVG beside the CSV, and the charts get the snapshots.
    @Test func snapshotKeyWritesTheScreenAsSVG() throws {
        let dir = NSTemporaryDirectory() + "app-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = ScriptedSource([Fixtures.snapshot])
        let events = EventLog()
        let app = MonitorApp(source: source, options: MonitorOptions(headless: true, csvDirectory: dir), events: events,
                             logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
                             themes: ThemeLoader(directories: [Fixtures.path("themes")]))
        app.drawing = true
        app.screenSize = (120, 40)
        #expect(app.press(Int32(Character("s").asciiValue!)) == false)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(files.count == 2 && files[0].hasSuffix(".csv") && files[1] == files[0].dropLast(4) + ".svg")
        let svg = try String(contentsOfFile: dir + "/" + files[1], encoding: .utf8)
        let rows = try SVGReader.read(svg).rows
        #expect(rows.count > 30)
        #expect(rows.contains { $0.contains("Decision matrix") })
        #expect(events.recent(1).first?.text == "snapshot written: \(dir)/\(files[0]) (+ .svg)")
    }
}
