import Engine
import NIOCore
import Prometheus
import Synchronization

/// The server's metrics, in its own swift-prometheus registry.
///
/// - `dashboard_http_requests_total{route, status}`: requests by route and status
/// - `dashboard_http_request_duration_seconds{route}`: request latency histogram
/// - `dashboard_infer_rows`: rows per `/infer` request (histogram)
/// - `dashboard_models_loaded`: models currently loaded
/// - `dashboard_model_cache_networks`, `dashboard_model_cache_bytes`: networks kept
///   from inline `/infer` requests and their estimated size;
///   `dashboard_model_cache_inserted_total`, `dashboard_model_cache_evictions_total`
/// - whatever `appendix` renders (`dashboard serve` adds the process's `process_*`
///   families from /proc there)
///
/// Every family is made with its help text, so the exposition carries `# HELP`
/// lines. Metric objects are made once per (route, status) and cached, so
/// recording a request is a dictionary lookup under an uncontended lock plus
/// atomic updates. The registry is per server (not a process-wide one), so tests
/// and several servers in one process never share counts.
public final class ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry

    private struct Key: Hashable { let route: String; let status: Int }
    private let counters = Locked<[Key: Counter]>([:])
    private let timers = Locked<[String: DurationHistogram]>([:])
    private let rows: ValueHistogram
    private let modelsLoaded: Gauge
    private let cacheNetworks: Gauge
    private let cacheBytes: Gauge
    private let cacheInserted: Counter
    private let cacheEvictions: Counter
    /// The cache totals already counted (the counters advance by the difference).
    private let cacheCounted = Locked((inserted: 0, evictions: 0))
    private let appendix: (@Sendable () -> String)?

    public static let requestsLabel = "dashboard_http_requests_total"
    public static let latencyLabel = "dashboard_http_request_duration_seconds"
    public static let rowsLabel = "dashboard_infer_rows"
    public static let modelsLabel = "dashboard_models_loaded"

    static var requests: MetricNameDescriptor { family(requestsLabel, "HTTP requests answered, by route pattern and status code.") }
    static var latency: MetricNameDescriptor { family(latencyLabel, "Time from a request's arrival to its answer, by route pattern, seconds.") }
    static var rowsFamily: MetricNameDescriptor { family(rowsLabel, "Input rows (vectors) per /infer request.") }
    static var models: MetricNameDescriptor { family(modelsLabel, "Models loaded and ready to serve.") }

    /// A whole metric name and its `# HELP` text.
    private static func family(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }

    /// Request latency buckets: 50 µs … 5 s.
    static let latencyBuckets: [Duration] = [
        .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500),
        .milliseconds(1), .microseconds(2500), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .seconds(5),
    ]

    /// - Parameter appendix: more exposition text, rendered on each scrape after the
    ///   registry's families (families of other names only).
    public init(appendix: (@Sendable () -> String)? = nil) {
        self.appendix = appendix
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        rows = registry.makeValueHistogram(descriptor: Self.rowsFamily, labels: [],
                                           buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096, 16384])
        modelsLoaded = registry.makeGauge(descriptor: Self.models, labels: [])
        modelsLoaded.set(to: 0)
        func gauge(_ name: String, _ help: String) -> Gauge {
            let g = registry.makeGauge(descriptor: ServerMetrics.family(name, help), labels: [])
            g.set(to: 0)
            return g
        }
        cacheNetworks = gauge("dashboard_model_cache_networks", "Networks kept in the content-addressed cache (sent inline in /infer).")
        cacheBytes = gauge("dashboard_model_cache_bytes", "Estimated bytes of the networks in the content-addressed cache.")
        cacheInserted = registry.makeCounter(descriptor: ServerMetrics.family("dashboard_model_cache_inserted_total", "Networks received inline in /infer and offered to the cache."), labels: [])
        cacheEvictions = registry.makeCounter(descriptor: ServerMetrics.family("dashboard_model_cache_evictions_total", "Networks evicted from the content-addressed cache (least recently used)."), labels: [])
    }

    /// Sets the content-addressed cache's figures.
    public func setModelCache(_ usage: ModelCache.Usage) {
        cacheNetworks.set(to: Double(usage.count))
        cacheBytes.set(to: Double(usage.bytes))
        let (inserted, evicted) = cacheCounted.withLock { c -> (Int, Int) in
            let delta = (max(0, usage.inserted - c.inserted), max(0, usage.evictions - c.evictions))
            c = (max(c.inserted, usage.inserted), max(c.evictions, usage.evictions))
            return delta
        }
        if inserted > 0 { cacheInserted.increment(by: Int64(inserted)) }
        if evicted > 0 { cacheEvictions.increment(by: Int64(evicted)) }
    }

    /// Records one finished request.
    public func recordRequest(route: String, status: Int, nanoseconds: Int64) {
        let key = Key(route: route, status: status)
        let counter = counters.withLock { c in
            if let existing = c[key] { return existing }
            let made = registry.makeCounter(descriptor: Self.requests, labels: [("route", route), ("status", String(status))])
            c[key] = made
            return made
        }
        counter.increment()
        let timer = timers.withLock { t in
            if let existing = t[route] { return existing }
            let made = registry.makeDurationHistogram(descriptor: Self.latency, labels: [("route", route)],
                                                      buckets: Self.latencyBuckets)
            t[route] = made
            return made
        }
        timer.recordNanoseconds(nanoseconds)
    }

    /// Records the number of rows of one `/infer` request.
    public func recordRows(_ count: Int) { rows.record(Double(count)) }

    /// Sets the number of models loaded.
    public func setModelsLoaded(_ count: Int) { modelsLoaded.set(to: Double(count)) }

    /// The Prometheus text exposition of every metric.
    public func render() -> ByteBuffer {
        var bytes = [UInt8]()
        bytes.reserveCapacity(4096)
        registry.emit(into: &bytes)
        if let appendix { bytes += appendix().utf8 }
        return ByteBuffer(bytes: bytes)
    }
}
