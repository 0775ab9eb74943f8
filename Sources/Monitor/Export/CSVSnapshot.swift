import CSV
import Engine
import Foundation

/// A CSV snapshot of everything on screen, in long format: one row per figure.
///
/// Columns (header row first, RFC 4180 quoting, CRLF line ends):
///
/// | column | meaning |
/// |---|---|
/// | `timestamp` | UTC time of the snapshot, ISO 8601 with milliseconds |
/// | `section` | `training`, `latency`, `breakdown` (remote modes: each part of a request's round trip, `client_encode_mean`, `wire_p99`, …, and `source` in `text`: `header` or `statistics`), `bottleneck` (`verdict` and `line`, in `text`), `rates`, `threads`, `memory` or `matrix` (with a what-if network: `assumed_rtt`, and `projected` per column) |
/// | `mode` | the inference mode (`CPU-only`, `Remote (batch 8)`) or matrix column; empty when not per mode |
/// | `metric` | the figure's name, e.g. `inference_p99` (per tick), `request_p99` (per HTTP request, remote modes), `vectors_per_s`, `cpu_percent`, `stars_latency` |
/// | `value` | a number; empty when not measured |
/// | `unit` | `us`, `ms`, `1/s`, `ratio`, `percent`, `bytes`, `s`, `stars`, `count` or empty |
/// | `process` | `dashboard` or `server` for thread and memory rows |
/// | `thread_id` | the thread id for thread rows |
/// | `thread_name` | the thread name for thread rows (may hold spaces, commas, quotes) |
/// | `text` | the value of the few text figures (`task`, `measured_mode`, `protocol`, `tensor_format`), so `value` stays numeric |
public enum CSVSnapshot {
    public static let header = ["timestamp", "section", "mode", "metric", "value", "unit", "process", "thread_id", "thread_name", "text"]

    public struct WriteError: Error, CustomStringConvertible { public var description: String }

    /// The rows (without header) for one snapshot.
    public static func rows(snapshot s: MetricsSnapshot, system: SystemSample, matrix: DecisionMatrix,
                            timestamp: String) -> [[String]] {
        var rows: [[String]] = []
        func row(_ section: String, _ mode: String, _ metric: String, _ value: String, _ unit: String,
                 process: String = "", tid: String = "", name: String = "", text: String = "") {
            rows.append([timestamp, section, mode, metric, value, unit, process, tid, name, text])
        }
        func num(_ d: Double) -> String { d.isFinite ? "\(d)" : "" }
        let t = s.training
        row("training", "\(s.currentMode)", "task", "", "", text: t.task)
        row("training", "", "generation", "\(t.generation)", "count")
        row("training", "", "population", "\(t.populationSize)", "count")
        row("training", "", "threads", "\(t.threads)", "count")
        row("training", "", "best_fitness", num(t.bestFitness), "")
        row("training", "", "mean_fitness", num(t.meanFitness), "")
        row("training", "", "species", "\(t.speciesCount)", "count")
        row("training", "", "champion_win_rate", t.championWinRate.map(num) ?? "", "ratio")
        row("training", "", "paused", t.paused ? "1" : "0", "")
        row("training", "", "uptime", num(s.uptimeSeconds), "s")

        for f in s.modes {
            let m = "\(f.mode)"
            for (name, l) in [("inference", f.inference), ("match", f.match)] {
                row("latency", m, "\(name)_count", "\(l.count)", "count")
                row("latency", m, "\(name)_p50", num(l.p50), "us")
                row("latency", m, "\(name)_p95", num(l.p95), "us")
                row("latency", m, "\(name)_p99", num(l.p99), "us")
                row("latency", m, "\(name)_max", num(l.max), "us")
                row("latency", m, "\(name)_mean", num(l.mean), "us")
            }
            if let l = f.requestLatency {
                row("latency", m, "request_count", "\(l.count)", "count")
                row("latency", m, "request_p50", num(l.p50), "us")
                row("latency", m, "request_p95", num(l.p95), "us")
                row("latency", m, "request_p99", num(l.p99), "us")
                row("latency", m, "request_max", num(l.max), "us")
                row("latency", m, "request_mean", num(l.mean), "us")
            }
            if let b = f.breakdown {
                row("breakdown", m, "requests", "\(b.requests)", "count")
                row("breakdown", m, "round_trip_mean", num(b.meanRoundTripMicros), "us")
                row("breakdown", m, "source", "", "", text: b.source.rawValue)
                for part in BreakdownPart.allCases {
                    row("breakdown", m, "\(part.rawValue)_mean", num(b[part].mean), "us")
                    row("breakdown", m, "\(part.rawValue)_p99", num(b[part].p99), "us")
                }
            }
            if let v = f.bottleneck {
                row("bottleneck", m, "verdict", "", "", text: v.kind.rawValue)
                row("bottleneck", m, "line", "", "", text: v.line(label: Bottleneck.label(f.mode)))
            }
            if let name = f.protocolName {
                row("rates", m, "protocol", "", "", text: name)
                row("rates", m, "tensor_format", "", "", text: f.tensorFormat ?? "")
            }
            row("rates", m, "requests_per_s", num(f.requestsPerSecond), "1/s")
            row("rates", m, "vectors_per_s", num(f.vectorsPerSecond), "1/s")
            row("rates", m, "errors_per_s", num(f.errorsPerSecond), "1/s")
            row("rates", m, "error_rate", num(f.errorRate), "ratio")
            row("rates", m, "errors", "\(f.errors)", "count")
            row("rates", m, "retries", "\(f.retries)", "count")
            row("rates", m, "generations_per_s", num(f.generationsPerSecond), "1/s")
            row("rates", m, "generations", "\(f.generations)", "count")
            row("rates", m, "active", num(f.activeSeconds), "s")
            row("rates", m, "mean_tick", num(f.meanTickMicros), "us")
            row("rates", m, "inference_per_generation", num(f.inferenceMillisPerGeneration), "ms")
            row("rates", m, "cpu_per_generation", f.cpuSecondsPerGeneration.map(num) ?? "", "s")
            row("rates", m, "peak_rss", f.peakRSSBytes.map { "\($0)" } ?? "", "bytes")
        }

        for th in system.threads {
            row("threads", "", "cpu_percent", num(th.cpuPercent), "percent",
                process: th.process.rawValue, tid: "\(th.tid)", name: th.name)
        }
        row("memory", "", "rss", system.dashboardRSS.map { "\($0)" } ?? "", "bytes", process: "dashboard")
        if system.serverRSS != nil || system.serverCPUPercent != nil {
            row("memory", "", "rss", system.serverRSS.map { "\($0)" } ?? "", "bytes", process: "server")
        }

        if let n = matrix.network { row("matrix", "", "assumed_rtt", num(n.rttMillis), "ms") }
        for c in matrix.columns {
            let m = c.column.rawValue
            row("matrix", m, "measured", c.isMeasured ? "1" : "0", "")
            if matrix.network != nil { row("matrix", m, "projected", c.isProjected ? "1" : "0", "") }
            if let mode = c.mode { row("matrix", m, "measured_mode", "", "", text: "\(mode)") }
            for f in DecisionMatrix.Factor.allCases {
                row("matrix", m, "stars_\(f.key)", c.stars(for: f).map { "\($0)" } ?? "", "stars")
            }
            row("matrix", m, "score", c.score.map(num) ?? "", "stars")
            row("matrix", m, "recommended", matrix.recommended == c.column ? "1" : "0", "")
        }
        return rows
    }

    /// The CSV text: header + rows, RFC 4180 quoted by yaslab/CSV.swift's writer.
    public static func render(rows: [[String]]) throws -> Data {
        let stream = OutputStream(toMemory: ())
        stream.open()
        let csv = try CSVWriter(stream: stream, newline: .crlf)
        try csv.write(row: header)
        for r in rows { try csv.write(row: r) }
        stream.close()
        guard var data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
            throw WriteError(description: "CSV snapshot: the in-memory stream returned no data")
        }
        // CSVWriter writes the line break before each record after the first; end the last one too.
        data.append(contentsOf: [13, 10])
        return data
    }

    /// `dashboard-20261127-050101-123.csv` for a moment in time (UTC).
    public static func fileName(for date: Date) -> String {
        "dashboard-" + stamp(date, format: "yyyyMMdd-HHmmss-SSS") + ".csv"
    }

    static func stamp(_ date: Date, format: String) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = format
        return f.string(from: date)
    }

    /// ISO 8601 UTC with milliseconds.
    public static func timestamp(for date: Date) -> String { stamp(date, format: "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'") }

    /// Writes a snapshot into `directory` atomically (a temporary file in the
    /// same directory, then rename), creating the directory if needed. Returns the path.
    @discardableResult
    public static func write(snapshot: MetricsSnapshot, system: SystemSample, matrix: DecisionMatrix,
                             directory: String, date: Date = Date()) throws -> String {
        let fm = FileManager.default
        do { try fm.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw WriteError(description: "CSV snapshot: cannot create directory \(directory): \(error.localizedDescription)")
        }
        let data = try render(rows: rows(snapshot: snapshot, system: system, matrix: matrix,
                                         timestamp: timestamp(for: date)))
        let name = fileName(for: date)
        let final = (directory as NSString).appendingPathComponent(name)
        let tmp = (directory as NSString).appendingPathComponent(".\(name).\(getpid()).tmp")
        guard fm.createFile(atPath: tmp, contents: data) else {
            throw WriteError(description: "CSV snapshot: cannot write \(tmp)")
        }
        guard rename(tmp, final) == 0 else {
            let e = errno
            try? fm.removeItem(atPath: tmp)
            throw WriteError(description: "CSV snapshot: cannot rename \(tmp) to \(final): errno \(e)")
        }
        return final
    }
}
