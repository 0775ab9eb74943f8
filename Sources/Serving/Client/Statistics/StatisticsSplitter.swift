import Engine
import Foundation
import Logging
import Synchronization
import Wire

/// Splits v2 round trips whose answers carry no `Server-Timing` with the server's
/// own statistics (Triton's statistics extension: `GET /v2/models/stats` for every
/// model in one request where the server has it, else `GET /v2/models/{name}/stats`
/// per model).
///
/// The first such answer starts a poller thread with a connection of its own (never
/// one of the workers' pipelines). It reads the counters of the generation's models
/// as a baseline, then about once a second, and once more when a generation ends
/// (before the next one is delivered); each poll closes a window. Answers of the
/// window wait here (round trip, client encode and decode only); when it closes,
/// each gets the window's mean server parts per request (`StatisticsLedger`) and goes
/// to the observer like an answer that carried the header, marked `.statistics`.
///
/// The counters cover every client of the server, and a window's mean is given to
/// every request of the window: the split is a per-window mean, not per request (its
/// p99s are the round trip's and the wire's, not the server's).
///
/// A server that does not list the extension, answers a poll with an error status
/// (404: no endpoint) or sends a body that is not statistics leaves the requests
/// unsplit, said once in the log. At most `pendingCapacity` answers wait per window;
/// more are left unsplit.
final class StatisticsSplitter: Sendable {
    /// One answer waiting for its window's server time.
    struct Pending: Sendable {
        var roundTrip: UInt64
        var encode: UInt64
        var decode: UInt64
    }

    static let pendingCapacity = 1 << 17
    /// Time between two polls.
    static let interval: Duration = .seconds(1)

    private enum Phase: Equatable { case idle, starting, active, off }

    private struct Collect {
        var phase = Phase.idle
        var pending: [Pending] = []
        /// Whether the server lists the statistics extension (nil before the protocol was resolved).
        var listed: Bool?
    }

    private struct Poll {
        var exchange: PipelinedExchange?
        var ledger = StatisticsLedger()
        /// The models in use: the delivered generation's.
        var names: [String] = []
        /// Whether `GET /v2/models/stats` gives every model's counters in one request
        /// (nil until the first poll tries it; false: ask model by model).
        var allInOne: Bool?
        /// Answers taken out of `Collect` (kept to reuse their capacity).
        var spare: [Pending] = []
    }

    private let collect = Locked(Collect())
    private let poll = Locked(Poll())
    private let stopped = Atomic<Bool>(false)
    private let target: HTTPTarget
    private let baseURL: String
    private let timeout: Duration
    private let logger: Logger
    private let observer: (any RemoteRequestObserver)?

    init(target: HTTPTarget, baseURL: String, timeout: Duration, logger: Logger, observer: (any RemoteRequestObserver)?) {
        self.target = target
        self.baseURL = baseURL
        self.timeout = timeout
        self.logger = logger
        self.observer = observer
    }

    /// The protocol was resolved: whether the v2 server lists `statistics` among its extensions.
    func serverLists(statistics: Bool) {
        collect.withLock { $0.listed = statistics }
    }

    /// An answer without `Server-Timing` (v2): kept for its window when splitting runs, and
    /// true; false when it is not split (the caller reports it unsplit). The first one starts the poller.
    func unsplit(_ b: RequestBreakdown) -> Bool {
        let (taken, start, unlisted) = collect.withLock { c -> (Bool, Bool, Bool) in
            switch c.phase {
            case .active:
                guard c.pending.count < Self.pendingCapacity else { return (false, false, false) }
                c.pending.append(Pending(roundTrip: b.roundTripNanos, encode: b.clientEncodeNanos, decode: b.clientDecodeNanos))
                return (true, false, false)
            case .idle:
                guard observer != nil, c.listed == true else {
                    c.phase = .off
                    return (false, false, c.listed == false)
                }
                c.phase = .starting
                return (false, true, false)
            case .starting, .off:
                return (false, false, false)
            }
        }
        if unlisted {
            logger.notice("\(baseURL) sends no Server-Timing and does not list the v2 statistics extension: round trips are not split into server parts")
        }
        if start {
            let thread = Thread { [self] in run() }
            thread.name = "stats-poller"
            thread.start()
        }
        return taken
    }

    /// The generation in use finished: its last window closes now (the generation's models may go next).
    func generationEnding() {
        guard collect.withLock({ $0.phase == .active }) else { return }
        closeWindow()
    }

    /// A generation was delivered: its models are the ones polled from now on (their counters now are the baseline).
    func generationLoaded(names: [String]) {
        let active = collect.withLock { $0.phase == .active }
        let failure = poll.withLock { p -> String? in
            p.names = names
            p.ledger.forget(keeping: Set(names))
            guard active else { return nil }
            switch fetch(&p) {
            case .success(let models): p.ledger.setBaseline(models); return nil
            case .failure(let f): return f.why
            }
        }
        if let failure { turnOff(failure) }
    }

    /// Stops the poller (within 50 ms) and closes its connection. Idempotent.
    func stop() {
        stopped.store(true, ordering: .relaxed)
    }

    // MARK: The poller

    private func run() {
        let baseline = poll.withLock { p -> String? in
            switch fetch(&p) {
            case .success(let models): p.ledger.setBaseline(models); return nil
            case .failure(let f): return f.why
            }
        }
        if let baseline { turnOff(baseline); return }
        collect.withLock { c in
            guard c.phase == .starting else { return }
            c.pending.reserveCapacity(16_384)
            c.phase = .active
        }
        logger.notice("\(baseURL) sends no Server-Timing: splitting round trips with its v2 statistics (a mean per \(Self.interval.components.seconds) s window)")
        var last = ContinuousClock.now
        while !stopped.load(ordering: .relaxed) && collect.withLock({ $0.phase == .active }) {
            usleep(50_000)
            if last.duration(to: .now) >= Self.interval {
                closeWindow()
                last = .now
            }
        }
        poll.withLock { $0.exchange?.closeAll(); $0.exchange = nil }
    }

    /// Polls the models in use and gives the window's answers its mean server parts.
    private func closeWindow() {
        let outcome = poll.withLock { p -> Result<Int, PollFailure> in
            let window: StatisticsLedger.Window?
            switch fetch(&p) {
            case .success(let models): window = p.ledger.advance(models)
            case .failure(let f): return .failure(f)
            }
            // The answers of the window: those received before the server answered the poll.
            var taken = p.spare
            collect.withLock { swap(&$0.pending, &taken) }
            defer { taken.removeAll(keepingCapacity: true); p.spare = taken }
            guard let w = window else {
                // Nothing finished on the polled models: the answers wait for the next window.
                collect.withLock { c in c.pending.append(contentsOf: taken.prefix(Self.pendingCapacity - c.pending.count)) }
                return .success(0)
            }
            let server = (decode: w.decode, queue: w.queue, compute: w.compute, encode: w.encode)
            for a in taken {
                observer?.requestTimed(RequestBreakdown(roundTripNanos: a.roundTrip, clientEncodeNanos: a.encode, clientDecodeNanos: a.decode,
                                                        server: server, source: .statistics))
            }
            return .success(taken.count)
        }
        if case .failure(let f) = outcome { turnOff(f.why) }
    }

    private struct PollFailure: Error { var why: String; init(_ why: String) { self.why = why } }

    /// The counters of every model in use, or why they could not be read: from one
    /// `GET /v2/models/stats` where the server answers it with statistics (Triton),
    /// else model by model. The first poll decides which, once.
    private func fetch(_ p: inout Poll) -> Result<[V2ModelStatistics.Model], PollFailure> {
        if p.names.isEmpty { return .success([]) }
        let exchange = p.exchange ?? PipelinedExchange(target: target, connections: 1, inFlight: 16, retry: .none, timeout: timeout)
        p.exchange = exchange
        if p.allInOne != false {
            let all = StatisticsJob(names: nil, baseURL: baseURL)
            let read = run(all, on: exchange)
            switch read {
            case .success(let models):
                p.allInOne = true
                let wanted = Set(p.names)
                return .success(models.filter { wanted.contains($0.name) })
            case .failure where p.allInOne == nil:
                p.allInOne = false  // no such route here (or a model called "stats"): ask model by model
            case .failure:
                return read
            }
        }
        return run(StatisticsJob(names: p.names, baseURL: baseURL), on: exchange)
    }

    /// Runs `job` and gathers its models, or the first answer that was not statistics.
    private func run(_ job: StatisticsJob, on exchange: PipelinedExchange) -> Result<[V2ModelStatistics.Model], PollFailure> {
        do throws(RemoteError) {
            try exchange.run(job, count: job.count)
        } catch {
            return .failure(PollFailure("\(error)"))
        }
        var models: [V2ModelStatistics.Model] = []
        for (i, answer) in job.answers.enumerated() {
            switch answer {
            case .models(let m)?: models += m
            case .status(let code, let message)?:
                return .failure(PollFailure("\(job.endpoint(i)) answered \(code)\(code == 404 ? " (no statistics endpoint?)" : ""): \(message)"))
            case .unreadable(let why)?: return .failure(PollFailure("\(job.endpoint(i)): \(why)"))
            case nil: return .failure(PollFailure("\(job.endpoint(i)): no answer"))
            }
        }
        return .success(models)
    }

    /// Splitting ends for good (said once): waiting answers stay unsplit.
    private func turnOff(_ why: String) {
        let first = collect.withLock { c -> Bool in
            defer { c.phase = .off; c.pending = [] }
            return c.phase != .off
        }
        stop()
        if first { logger.notice("round trips are not split into server parts: the v2 statistics could not be read: \(why)") }
    }
}
