#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import Foundation
import Serving

/// `dashboard load`: a load generator for the inference APIs, open or closed loop.
struct LoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load-test an inference server: open loop at a fixed rate (latency from each request's intended send time) or closed loop.",
        discussion: """
            With --rate R, requests leave on a schedule (evenly spaced, or --arrivals poisson) whatever the server does, \
            and each latency counts from the time the request was meant to leave: a server that stalls is charged for \
            every request it kept waiting (coordinated-omission correction, as wrk2 does). Without --rate, each of the \
            --connections sends its next request when the previous answer arrives (closed loop, as wrk does). \
            --sweep raises the rate (or, without --rate, the connections) until p99 exceeds --slo, and reports the \
            highest level that held. Errors (non-2xx, refused connections, timeouts) are counted, never fatal. \
            The model: --model, else the server's default (dashboard API) or load-default (v2); a server with no \
            model gets a 100-input, 3-output network uploaded as load-default. --inputs comes from the server's \
            metadata unless given. See docs/benchmarking.md.
            """
    )

    @Option(help: "The server's base URL.") var url = "http://127.0.0.1:8000"

    @Option(name: .customLong("protocol"), help: "auto (GET /v2/health/ready answering 200 means v2, else the dashboard API), dashboard (POST /infer) or v2 (POST /v2/models/{model}/infer).")
    var protocolName = "auto"

    @Option(name: .customLong("tensor-format"), help: "v2: binary (Triton's binary tensor extension; JSON when the server does not list it) or json.")
    var tensorFormat = "binary"

    @Option(help: "Model id (dashboard API) or name (v2). Default: the server's default model, or load-default (uploaded when missing).")
    var model: String?

    @Option(help: "Floats per vector. Default: read from the server's model metadata.") var inputs: Int?

    @Option(help: "Vectors per request.") var rows = 1

    @Option(help: ArgumentHelp("Open loop: requests per second (the starting rate with --sweep). Without it, closed loop.", valueName: "R"))
    var rate: Double?

    @Option(help: "Open loop: constant (evenly spaced) or poisson (exponential gaps, seeded by --seed).")
    var arrivals: String?

    @Option(help: "Seed of the Poisson arrivals.") var seed: UInt64 = 1

    @Option(help: "Keep-alive connections, one request in flight on each.") var connections = 16

    @Option(help: ArgumentHelp("How long each run lasts: seconds, or with a unit (500ms, 10s, 2m).", valueName: "TIME"))
    var duration = "10s"

    @Option(help: ArgumentHelp("A request without a whole answer after this long is an error (timeout): seconds or with a unit.", valueName: "TIME"))
    var timeout = "5s"

    @Flag(help: "Raise the rate (or without --rate the connections) run after run until p99 exceeds --slo; report the highest that held.")
    var sweep = false

    @Option(help: ArgumentHelp("With --sweep: the p99 objective in milliseconds.", valueName: "MS")) var slo: Double?

    @Option(help: "With --sweep: the most runs.") var sweepSteps = 12

    @Option(help: ArgumentHelp("Write one row per second of each run (step, level, requests, errors, percentiles) to this CSV file.", valueName: "FILE"))
    var csv: String?

    @Flag(help: "Print one JSON object as the last line of stdout.") var json = false

    func validate() throws {
        _ = try settings()
        _ = try runPlan()
    }

    /// The flags, checked, as a setup.
    func settings() throws -> LoadSetup {
        guard url.hasPrefix("http://") else { throw ValidationError("--url '\(url)': expected http://HOST[:PORT]") }
        var setup = LoadSetup(url: url)
        do throws(RemoteError) {
            setup.protocol = try RemoteProtocol(parsing: protocolName)
            setup.tensorFormat = try TensorFormat(parsing: tensorFormat)
        } catch {
            throw ValidationError(error.description)
        }
        if let inputs { guard (1...16_777_216).contains(inputs) else { throw ValidationError("--inputs must be between 1 and 16777216 (got \(inputs))") } }
        guard (1...65_536).contains(rows) else { throw ValidationError("--rows must be between 1 and 65536 (got \(rows))") }
        guard (1...10_000).contains(connections) else { throw ValidationError("--connections must be between 1 and 10000 (got \(connections))") }
        setup.model = model
        setup.inputs = inputs
        setup.rows = rows
        setup.connections = connections
        setup.timeout = try Self.time(timeout, flag: "--timeout")
        return setup
    }

    /// What to run: the mode, each run's length, and the sweep when asked.
    func runPlan() throws -> (mode: LoadMode, duration: Duration, sweep: RateSweep?) {
        let length = try Self.time(duration, flag: "--duration")
        var mode = LoadMode.closedLoop
        if let rate {
            guard rate.isFinite, rate > 0, rate <= 10_000_000 else { throw ValidationError("--rate must be a number of requests per second in (0, 10000000] (got \(rate))") }
            let kind = try arrivals.map { a -> LoadArrivals in
                do throws(RemoteError) { return try LoadArrivals(parsing: a) } catch { throw ValidationError(error.description) }
            } ?? .constant
            mode = .openLoop(rate: rate, arrivals: kind, seed: seed)
        } else if let arrivals {
            throw ValidationError("--arrivals \(arrivals) applies to open loop: give --rate too")
        }
        guard sweep else {
            if slo != nil { throw ValidationError("--slo applies to --sweep") }
            return (mode, length, nil)
        }
        guard let slo else { throw ValidationError("--sweep needs --slo MS (the p99 objective in milliseconds)") }
        guard slo.isFinite, slo > 0, slo <= 3_600_000 else { throw ValidationError("--slo must be a positive number of milliseconds (got \(slo))") }
        guard (1...100).contains(sweepSteps) else { throw ValidationError("--sweep-steps must be between 1 and 100 (got \(sweepSteps))") }
        let sloMicros = UInt64((slo * 1000).rounded())
        let plan = rate.map { RateSweep(start: $0, sloMicros: sloMicros, maxSteps: sweepSteps) }
            ?? RateSweep(start: 1, sloMicros: sloMicros, integral: true, maxSteps: sweepSteps, ceiling: 10_000)
        return (mode, length, plan)
    }

    /// `10`, `2.5s`, `500ms`, `2m`, as a duration; a clear error otherwise.
    static func time(_ text: String, flag: String) throws -> Duration {
        let units: [(String, Double)] = [("ms", 1e-3), ("s", 1), ("m", 60)]
        var number = Substring(text), scale = 1.0
        for (suffix, s) in units where text.hasSuffix(suffix) {
            number = text.dropLast(suffix.count)
            scale = s
            break
        }
        guard let value = Double(number), value.isFinite, value > 0, value * scale <= 86_400 else {
            throw ValidationError("\(flag) '\(text)': expected a positive time up to a day, in seconds or with a unit (500ms, 10s, 2m)")
        }
        return .nanoseconds(Int64((value * scale * 1e9).rounded()))
    }

    func run() throws {
        let setup = try settings()
        var (mode, length, plan) = try runPlan()
        let prepared: LoadSetup.Prepared
        do throws(RemoteError) { prepared = try setup.prepare() } catch { throw LoadFailure(message: error.description) }
        let driver = prepared.driver
        if prepared.uploaded {
            FileHandle.standardError.write(Data("no model to answer on the server: uploaded \(prepared.model) (\(prepared.inputs) inputs)\n".utf8))
        }
        print("dashboard load → \(prepared.endpoint): \(prepared.api), model \(prepared.model), \(prepared.inputs) inputs × \(rows) row\(rows == 1 ? "" : "s") per request")
        let csvFile = try csv.map { try LoadCSV(path: $0) }
        let progress = LoadProgressLine(enabled: isatty(2) == 1)
        var results: [LoadResult] = []
        var step = 0
        var level = mode.rate ?? Double(connections)
        while true {
            if let p = plan {
                guard let next = p.next else { break }
                level = next
                if case .openLoop(_, let a, let s) = mode { mode = .openLoop(rate: next, arrivals: a, seed: s) } else { driver.connections = Int(next) }
            }
            step += 1
            let result = driver.run(mode: mode, duration: length) { interval in
                progress.show(interval, step: plan == nil ? nil : step, level: level, closedLoop: mode.rate == nil)
                csvFile?.write(interval.csvRow(step: step, level: level))
            }
            progress.finish()
            results.append(result)
            print(LoadSummary.lines(result, step: plan == nil ? nil : step).joined(separator: "\n"))
            guard plan != nil else { break }
            plan!.record(p99Micros: result.latency.p99, requests: result.requests, errors: result.errors.total)
        }
        try csvFile?.close()
        try finish(results: results, plan: plan, prepared: prepared)
    }

    /// Prints the sweep's verdict and the JSON line; exits 1 when a sweep found no level that held.
    private func finish(results: [LoadResult], plan: RateSweep?, prepared: LoadSetup.Prepared) throws {
        var extra: [(String, String)] = [
            ("url", LoadSummary.quoted(url)), ("protocol", LoadSummary.quoted(prepared.api)),
            ("model", LoadSummary.quoted(prepared.model)), ("inputs", "\(prepared.inputs)"), ("rows", "\(rows)"),
        ]
        var shown = results.last!
        var failed = false
        if let plan {
            let best = plan.best
            let unit = rate == nil ? "connections" : "requests/s"
            if let best, let index = plan.steps.firstIndex(of: best) {
                shown = results[index]
                print("sweep: the highest \(unit) that held p99 ≤ \(LoadSummary.milliseconds(plan.sloMicros)) ms: \(LoadSummary.number(best.level))"
                      + " (\(LoadSummary.number(shown.requestsPerSecond)) req/s, p99 \(LoadSummary.milliseconds(best.p99Micros)) ms)")
            } else {
                failed = true
                print("sweep: no level held p99 ≤ \(LoadSummary.milliseconds(plan.sloMicros)) ms (lowest tried: \(LoadSummary.number(plan.steps.map(\.level).min() ?? 0)) \(unit))")
            }
            extra += [("slo_ms", LoadSummary.number(Double(plan.sloMicros) / 1000)),
                      ("held_level", best.map { LoadSummary.number($0.level) } ?? "null"),
                      ("sweep", "[" + zip(plan.steps, results).map { s, r in
                          "{\"level\":\(LoadSummary.number(s.level)),\"requests_per_second\":\(LoadSummary.number(r.requestsPerSecond)),"
                              + "\"p99_us\":\(s.p99Micros),\"errors\":\(s.errors),\"held\":\(s.held)}"
                      }.joined(separator: ",") + "]")]
        }
        if json { print(shown.json(extra: extra)) }
        if failed { throw ExitCode(1) }
    }
}

/// A load run that could not start (the server's metadata, an upload): printed as `Error: ...`, exit status 1.
struct LoadFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
