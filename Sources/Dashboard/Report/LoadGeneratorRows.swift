import Engine
import Monitor
import Serving

/// The remote rows from the load generator: after each repetition, a closed-loop
/// run against the server the repetition trained through, so P50/P95/P99 and RPS
/// are per HTTP request under a load the report names (connections, rows per
/// request, duration) instead of whatever pace the training's matches set.
///
/// Every request asks for `load-default` (uploaded once per server when missing):
/// 100 inputs, the duel's observation, densely connected to its 3 actions, the
/// same network in every repetition and every report, so the rows measure the
/// server and the wire, not the generation the training happened to reach. The
/// first run against a server is a warm-up (connections made, the model
/// compiled) and is not measured.
final class LoadGeneratorRows: RemoteRowMeasuring {
    /// Connections, one request in flight on each: the training's requests in flight.
    let connections: Int
    let duration: Duration
    let warmup: Duration
    let remoteProtocol: RemoteProtocol
    let tensorFormat: TensorFormat
    /// Told one line when a server gets the default network.
    let progress: (String) -> Void

    /// The driver of the last server and batch: kept across repetitions so they share connections.
    private var current: (key: String, driver: LoadDriver)?

    init(connections: Int, duration: Duration, warmup: Duration, remoteProtocol: RemoteProtocol, tensorFormat: TensorFormat,
         progress: @escaping (String) -> Void = { _ in }) {
        self.connections = connections
        self.duration = duration
        self.warmup = warmup
        self.remoteProtocol = remoteProtocol
        self.tensorFormat = tensorFormat
        self.progress = progress
    }

    func measure(mode: InferenceMode, training: TrainingInterval, serverURL: String) throws -> RowLatency {
        let name = BenchmarkReport.rowName(mode)
        let driver = try driver(url: serverURL, rows: mode.batchSize, name: name)
        let figures = LoadRowFigures(driver.run(mode: .closedLoop, duration: duration))
        return RowLatency(p50Micros: figures.p50Micros, p95Micros: figures.p95Micros, p99Micros: figures.p99Micros,
                          requestsPerSecond: figures.requestsPerSecond, errors: figures.errors)
    }

    func method(mode: InferenceMode) -> RemoteRowMethod {
        RemoteRowMethod(source: RemoteRowMethod.load, rowsPerRequest: mode.batchSize, connections: connections,
                        secondsPerRepetition: Self.seconds(duration), model: LoadSetup.defaultModel,
                        inputs: LoadSetup.defaultModelInputs)
    }

    /// The driver for `url` and `rows`, prepared and warmed up on first use.
    private func driver(url: String, rows: Int, name: String) throws -> LoadDriver {
        let key = "\(rows) \(url)"
        if let current, current.key == key { return current.driver }
        current = nil   // the previous server's connections close with its driver
        var setup = LoadSetup(url: url)
        setup.protocol = remoteProtocol
        setup.tensorFormat = tensorFormat
        setup.model = LoadSetup.defaultModel
        setup.rows = rows
        setup.connections = connections
        let prepared: LoadSetup.Prepared
        do throws(RemoteError) { prepared = try setup.prepare() } catch {
            throw CLIError("\(name): the load generator cannot measure against \(url): \(error.description) (--remote-rows training uses the training's own requests)")
        }
        if prepared.uploaded { progress("\(name): uploaded \(prepared.model) (\(prepared.inputs) inputs) for the load generator") }
        if warmup > .zero { _ = prepared.driver.run(mode: .closedLoop, duration: warmup) }
        current = (key, prepared.driver)
        return prepared.driver
    }

    static func seconds(_ d: Duration) -> Double {
        let (s, atto) = d.components
        return Double(s) + Double(atto) / 1e18
    }
}
