#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Engine
import NIOCore
import Wire

/// What a `PipelinedExchange` runs: a numbered list of requests, each written,
/// answered and accepted (or failed) on its own.
protocol ExchangeJob: AnyObject {
    /// Appends request `index` (head and body) to `buffer`.
    func writeRequest(_ index: Int, into buffer: inout ByteBuffer, target: HTTPTarget) throws(RemoteError)
    /// Checks the answer to request `index`: accepted (its results stored), to be
    /// sent again at once (the job changed what it will write), or what was wrong.
    func accept(_ index: Int, _ response: ClientResponse) -> ExchangeAnswer
    /// Request `index` finished: `nanos` from its first send to its final answer.
    func finished(_ index: Int, nanos: UInt64, error: RemoteError?)
    /// Request `index` failed with a retryable `error` and will be sent again.
    func retrying(_ index: Int, after error: RemoteError)
    /// `METHOD URL` of request `index`, for error messages.
    func endpoint(_ index: Int) -> String
    /// Request `index` was accepted: where its round trip went (client encode and
    /// decode of its last attempt, the server's parts when it sent `Server-Timing`).
    func timed(_ index: Int, _ breakdown: RequestBreakdown)
}

extension ExchangeJob {
    func timed(_ index: Int, _ breakdown: RequestBreakdown) {}
}

/// What a job makes of one answer.
enum ExchangeAnswer {
    case accepted
    /// Send the request again now, not counted as a retry: the server asked for
    /// something the job will add (networks it lacked).
    case resend
    case failed(RemoteError)
}

/// Runs requests over connections owned by the calling thread: up to
/// `inFlight` at a time, spread over `connections.count` keep-alive connections
/// and pipelined on each (HTTP/1.1: written in one flush, answered in order).
///
/// The thread that calls `run` does everything — encoding, the writes, `poll`,
/// framing, decoding — so a request never hops to another thread. Each attempt
/// has its own deadline (send to last byte); a late answer closes its
/// connection, and the requests pipelined behind it are sent again on a fresh
/// one (they are not charged a retry: nothing was wrong with them). Failures
/// that may pass (connection errors, timeouts, 5xx, 429) are retried after the
/// policy's backoff; the first final failure ends `run` with that error, after
/// closing every connection that still had requests on it.
final class PipelinedExchange {
    let target: HTTPTarget
    private let connections: [HTTPConnection]
    private let inFlightLimit: Int
    private let policy: RetryPolicy
    private let timeoutNanos: UInt64
    private let timeoutMilliseconds: Int

    // Per-request bookkeeping, reused across calls.
    private var attempts: [Int] = []
    private var firstSent: [UInt64] = []
    private var deadline: [UInt64] = []
    /// Nanoseconds spent writing each request's last attempt (the client's encode).
    private var encodeNanos: [UInt64] = []
    private var waiting: [(index: Int, notBefore: UInt64)] = []
    private var fds: [pollfd] = []
    private var fdConnection: [Int] = []

    init(target: HTTPTarget, connections: Int, inFlight: Int, retry: RetryPolicy, timeout: Duration) {
        self.target = target
        self.connections = (0..<max(1, connections)).map { _ in HTTPConnection(target: target) }
        inFlightLimit = max(1, inFlight)
        policy = retry
        timeoutNanos = UInt64(max(1, timeout.nanoseconds))
        timeoutMilliseconds = timeout.milliseconds
    }

    deinit { closeAll() }

    /// Closes every connection.
    func closeAll() {
        for c in connections { c.close() }
    }

    /// Sends requests `0..<count` of `job` and returns when each was accepted,
    /// or throws the first final failure.
    func run<Job: ExchangeJob>(_ job: Job, count: Int) throws(RemoteError) {
        if count == 0 { return }
        if attempts.count < count {
            attempts = Array(repeating: 0, count: count)
            firstSent = Array(repeating: 0, count: count)
            deadline = Array(repeating: 0, count: count)
            encodeNanos = Array(repeating: 0, count: count)
        }
        for i in 0..<count { attempts[i] = 0; firstSent[i] = 0 }
        waiting.removeAll(keepingCapacity: true)
        var state = RunState(count: count)
        do throws(RemoteError) {
            while state.done < count {
                try fill(job, &state)
                try wait(job, &state)
            }
        } catch {
            closeAll()
            throw error
        }
    }

    private struct RunState {
        let count: Int
        var next = 0
        var inFlight = 0
        var done = 0
        init(count: Int) { self.count = count }
    }

    // MARK: Sending

    /// Writes requests until `inFlight` are out (new ones in order, retries when
    /// their backoff is over), then flushes every connection.
    private func fill<Job: ExchangeJob>(_ job: Job, _ s: inout RunState) throws(RemoteError) {
        let now = Monotonic.now()
        while s.inFlight < inFlightLimit {
            let index: Int
            if let w = waiting.firstIndex(where: { $0.notBefore <= now }) {
                index = waiting.remove(at: w).index
            } else if s.next < s.count {
                index = s.next
                s.next += 1
            } else {
                break
            }
            let c = leastBusyConnection()
            do throws(TransportError) {
                try c.ensureOpen(now: now)
            } catch {
                let e = connectionError(error, endpoint: job.endpoint(index))
                s.inFlight += 1
                try failed(job, index, e, &s, now: now)
                continue
            }
            if firstSent[index] == 0 { firstSent[index] = now }
            deadline[index] = now &+ timeoutNanos
            let encodeStart = Monotonic.now()
            do throws(RemoteError) {
                try job.writeRequest(index, into: &c.output, target: target)
                encodeNanos[index] = Monotonic.now() &- encodeStart
            } catch {
                job.finished(index, nanos: 0, error: error)
                throw error
            }
            c.enqueued(index)
            s.inFlight += 1
        }
        for c in connections where c.hasOutput {
            do throws(TransportError) { try c.flush() } catch { try broken(c, job, error, &s, now: now) }
        }
    }

    private func leastBusyConnection() -> HTTPConnection {
        var best = connections[0]
        for c in connections.dropFirst() where c.outstandingCount < best.outstandingCount { best = c }
        return best
    }

    // MARK: Waiting

    /// Waits for answers (or the next deadline or backoff), reads them and
    /// handles every complete one.
    private func wait<Job: ExchangeJob>(_ job: Job, _ s: inout RunState) throws(RemoteError) {
        fds.removeAll(keepingCapacity: true)
        fdConnection.removeAll(keepingCapacity: true)
        var wakeAt = UInt64.max
        for (i, c) in connections.enumerated() where c.outstandingCount > 0 {
            var events = Int16(POLLIN)
            if c.hasOutput { events |= Int16(POLLOUT) }
            fds.append(pollfd(fd: c.fd, events: events, revents: 0))
            fdConnection.append(i)
            wakeAt = min(wakeAt, deadline[c.oldestOutstanding!])
        }
        if s.inFlight < inFlightLimit, let soonest = waiting.map(\.notBefore).min() { wakeAt = min(wakeAt, soonest) }
        if fds.isEmpty && wakeAt == .max { return }
        let rc = fds.withUnsafeMutableBufferPointer { p in
            poll(p.baseAddress, nfds_t(p.count), TCPSocket.pollTimeout(until: wakeAt))
        }
        if rc < 0 && errno != EINTR {
            throw RemoteError.client("poll failed: \(String(cString: strerror(errno)))")
        }
        let now = Monotonic.now()
        if rc > 0 {
            for (k, p) in fds.enumerated() where p.revents != 0 {
                try service(connections[fdConnection[k]], revents: p.revents, job, &s, now: now)
            }
        }
        // Late answers: the oldest request of a connection past its deadline.
        for c in connections {
            guard let oldest = c.oldestOutstanding, deadline[oldest] <= now else { continue }
            let lost = c.close()
            s.inFlight -= lost.count
            requeue(lost.dropFirst(), now: now)
            s.inFlight += 1
            try failed(job, oldest, .timeout(endpoint: job.endpoint(oldest), milliseconds: timeoutMilliseconds), &s, now: now)
        }
    }

    /// Writes pending output, reads what arrived, and handles every complete answer.
    private func service<Job: ExchangeJob>(_ c: HTTPConnection, revents: Int16, _ job: Job, _ s: inout RunState, now: UInt64) throws(RemoteError) {
        do throws(TransportError) {
            if revents & Int16(POLLOUT) != 0, c.hasOutput { try c.flush() }
            if revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 { _ = try c.receive(now: now) }
        } catch {
            try broken(c, job, error, &s, now: now)
            return
        }
        while let index = c.oldestOutstanding {
            switch c.frame() {
            case .incomplete:
                if c.peerClosed { try broken(c, job, .closed, &s, now: now) }
                return
            case .invalid(let why):
                let lost = c.close()
                s.inFlight -= lost.count
                requeue(lost.dropFirst(), now: now)
                s.inFlight += 1
                try failed(job, index, .badResponse(endpoint: job.endpoint(index), message: why), &s, now: now)
                return
            case .complete(let response):
                c.popOldest()
                s.inFlight -= 1
                let decodeStart = Monotonic.now()
                switch c.consume(response, { job.accept(index, $0) }) {
                case .accepted:
                    let answered = Monotonic.now()
                    job.finished(index, nanos: answered &- firstSent[index], error: nil)
                    job.timed(index, Self.breakdown(roundTrip: answered &- firstSent[index], encode: encodeNanos[index],
                                                    decode: answered &- decodeStart, server: response.serverTiming))
                    s.done += 1
                case .resend:
                    waiting.append((index, now))
                case .failed(let error):
                    s.inFlight += 1
                    try failed(job, index, error, &s, now: now)
                }
                if response.closes {
                    let lost = c.close()
                    s.inFlight -= lost.count
                    requeue(lost, now: now)
                    return
                }
            }
        }
    }

    /// One accepted request's split; the server's parts only when it sent them.
    private static func breakdown(roundTrip: UInt64, encode: UInt64, decode: UInt64, server: ServerTimingHeader?) -> RequestBreakdown {
        RequestBreakdown(roundTripNanos: roundTrip, clientEncodeNanos: encode, clientDecodeNanos: decode,
                         server: server.map { ($0.decodeNanos, $0.queueNanos, $0.computeNanos, $0.encodeNanos) })
    }

    // MARK: Failures

    /// A connection failed: its oldest request gets the error, the ones behind it go again.
    private func broken<Job: ExchangeJob>(_ c: HTTPConnection, _ job: Job, _ error: TransportError, _ s: inout RunState, now: UInt64) throws(RemoteError) {
        let lost = c.close()
        guard let oldest = lost.first else { return }
        s.inFlight -= lost.count
        requeue(lost.dropFirst(), now: now)
        s.inFlight += 1
        try failed(job, oldest, connectionError(error, endpoint: job.endpoint(oldest)), &s, now: now)
    }

    /// Request `index` (counted in flight) failed: retried after the backoff if
    /// the policy allows, else reported and thrown.
    private func failed<Job: ExchangeJob>(_ job: Job, _ index: Int, _ error: RemoteError, _ s: inout RunState, now: UInt64) throws(RemoteError) {
        s.inFlight -= 1
        if policy.shouldRetry(error, retriesSoFar: attempts[index]) {
            attempts[index] += 1
            job.retrying(index, after: error)
            let backoff = UInt64(max(0, policy.backoff(beforeRetry: attempts[index]).nanoseconds))
            waiting.append((index, now &+ backoff))
            return
        }
        let started = firstSent[index]
        job.finished(index, nanos: started == 0 ? 0 : now &- started, error: error)
        throw error
    }

    /// Requests that lost their connection through no fault of their own go again at once.
    private func requeue(_ lost: ArraySlice<Int>, now: UInt64) {
        for i in lost { waiting.append((i, now)) }
    }

    private func connectionError(_ error: TransportError, endpoint: String) -> RemoteError {
        switch error {
        case .connectTimeout:
            return .connection(endpoint: endpoint, message: "no connection within \(target.connectTimeoutNanos / 1_000_000) ms (is the server running?)")
        case .system(let call, _) where call == "connect":
            return .connection(endpoint: endpoint, message: "\(error) (is the server running?)")
        default:
            return .connection(endpoint: endpoint, message: "\(error)")
        }
    }
}
