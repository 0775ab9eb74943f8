import ArgumentParser
import Engine
import Monitor
import Serving

/// `--metrics-port` and `--metrics-host`: the Prometheus endpoint of the monitor and of `train`.
struct MetricsExportOptions: ParsableArguments {
    @Option(name: .customLong("metrics-port"),
            help: "Serve Prometheus metrics at http://HOST:PORT/metrics (0: a free port, printed at start).")
    var port: Int?

    @Option(name: .customLong("metrics-host"),
            help: "Address the metrics endpoint binds (loopback by default; 0.0.0.0 lets another machine scrape).")
    var host: String = "127.0.0.1"

    func validate() throws {
        if let p = port, !(0...65535).contains(p) {
            throw ValidationError("--metrics-port expects 0...65535 (0: a free port), received \(p)")
        }
        guard !host.isEmpty else { throw ValidationError("--metrics-host expects an address, received an empty string") }
    }

    /// Starts the endpoint when `--metrics-port` was given: each scrape renders
    /// `snapshot()` (nil before training has a recorder) and this process's /proc totals.
    func start(snapshot: @escaping @Sendable () -> MetricsSnapshot?) throws -> MetricsEndpoint? {
        guard let port else { return nil }
        do {
            return try MetricsEndpoint.start(host: host, port: port) {
                PrometheusExposition.render(snapshot: snapshot(), process: ProcessTotals.read())
            }
        } catch {
            throw CLIError("--metrics-port \(port): \(error)")
        }
    }
}
