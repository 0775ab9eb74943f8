import Engine
import Testing
@testable import Monitor

@Suite struct MonitorOptionsTests {
    func parse(mode: String = "cpu", batch: Int? = nil, concurrency: Int = 4, threads: Int? = nil, url: String? = nil,
               task: String = "duel", population: Int = 150, theme: String = "default", refresh: Int = 500,
               csvEvery: Double? = nil, csvDir: String? = nil) throws -> MonitorOptions {
        try MonitorOptions.parse(mode: mode, batch: batch, concurrency: concurrency, threads: threads, serverURL: url,
                                 task: task, population: population, seed: 1, theme: theme, refreshMillis: refresh,
                                 headless: false, csvEverySeconds: csvEvery, csvDirectory: csvDir, logFile: nil)
    }

    @Test func defaultsAreCPUDuelDefaultTheme() throws {
        let o = try parse()
        #expect(o.mode == .cpu)
        #expect(o.task == .duel)
        #expect(o.theme == "default")
        #expect(o.batch == 8)
        #expect(o.csvDirectory == ".")
    }

    @Test func remoteWithBatch() throws {
        #expect(try parse(mode: "remote", batch: 8).mode == .remote(batch: 8))
        #expect(try parse(mode: "remote").mode == .remote(batch: 1))
        #expect(try parse(mode: "remote").batch == 8)
        #expect(try parse(mode: "cpu", batch: 32).batch == 32)
    }

    @Test func errorsNameTheFlagAndValue() {
        func msg(_ f: () throws -> MonitorOptions) -> String {
            do { _ = try f(); return "" } catch { return "\(error)" }
        }
        #expect(msg { try parse(mode: "gpu") } == "--mode expects cpu or remote, received \"gpu\"")
        #expect(msg { try parse(batch: 0) } == "--batch expects 1...1024, received 0")
        #expect(msg { try parse(task: "chess") } == "--task expects one of duel, xor, pole, received \"chess\"")
        #expect(msg { try parse(url: "localhost:8080") }.hasPrefix("--server-url expects http://HOST"))
        #expect(msg { try parse(refresh: 5) } == "--refresh expects 50...10000 milliseconds, received 5")
        #expect(msg { try parse(csvEvery: 0) } == "--csv-every expects a number of seconds >= 1, received 0.0")
        #expect(msg { try parse(concurrency: 0) } == "--concurrency expects 1...1024, received 0")
        #expect(msg { try parse(population: 1) } == "--population expects 2...100000, received 1")
        #expect(msg { try parse(csvDir: "") } == "--csv-dir expects a directory, received an empty string")
        #expect(msg { try parse(url: "http://127.0.0.1:8080/v2") } == "")
    }
}

@Suite struct MonitorOptionsAssumedRTTTests {
    func parse(_ rtt: Double?) throws -> MonitorOptions {
        try MonitorOptions.parse(mode: "remote", batch: 8, concurrency: 4, threads: nil, serverURL: nil, task: "duel", population: 150,
                                 seed: 1, theme: "default", refreshMillis: 500, headless: false, csvEverySeconds: nil,
                                 csvDirectory: nil, logFile: nil, assumeRTT: rtt)
    }

    @Test func assumeRTTStartsTheWhatIfNetwork() throws {
        #expect(try parse(nil).assumedRTTMillis == nil)
        #expect(try parse(0).assumedRTTMillis == nil)   // 0 ms: loopback
        #expect(try parse(1.5).assumedRTTMillis == 1.5)
        #expect(throws: MonitorOptions.ValidationFailure(description: "--assume-rtt expects a round trip in milliseconds, 0...60000, received -1.0")) {
            try parse(-1)
        }
        #expect(throws: MonitorOptions.ValidationFailure(description: "--assume-rtt expects a round trip in milliseconds, 0...60000, received nan")) {
            try parse(.nan)
        }
    }
}
