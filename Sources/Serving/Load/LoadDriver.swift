#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CEngineSupport
import NIOCore
import Wire

/// Runs one load test on the calling thread: `connections` keep-alive
/// connections (the client transport's own non-blocking sockets), one request
/// in flight on each, `ppoll` for answers, deadlines and the schedule.
///
/// Open loop, requests leave at the times an `ArrivalSchedule` gives; when
/// every connection is busy, due requests wait in order and leave as soon as
/// one frees, and their latency still counts from the intended time. Closed
/// loop, a connection sends its next request the moment an answer arrives.
/// Errors never stop a run: a refused connect, a timeout (the connection is
/// closed and made again), a non-2xx answer are counted, and the schedule goes on.
///
/// Requests due before the end are still sent after it, and answers waited
/// for, up to `timeout` past the end: a stall at the end is measured too.
public final class LoadDriver {
    let target: HTTPTarget
    let requests: LoadRequests
    /// Connections (closed loop: requests in flight); a sweep changes it between runs.
    public var connections: Int {
        didSet { connections = max(1, connections) }
    }
    let timeoutNanos: UInt64

    private var slots: [Slot] = []
    private var idle: [Int] = []
    private var fds: [pollfd] = []
    private var fdSlot: [Int] = []
    private var sequence = 0

    private struct Slot {
        let connection: HTTPConnection
        var busy = false
        var intended: UInt64 = 0
        var sent: UInt64 = 0
        var deadline: UInt64 = 0
        /// A closed-loop connection whose connect failed waits until then.
        var notBefore: UInt64 = 0
    }

    /// What the run accumulates; reset at the start of each run.
    private struct Tally {
        var latency = LoadHistogram()
        var service = LoadHistogram()
        /// Open loop: how late each request left after its intended time (the generator's own delay).
        var lag = LoadHistogram()
        var interval = LoadHistogram()
        var errors = LoadErrors()
        var requests: UInt64 = 0
        var intervalRequests: UInt64 = 0
        var intervalErrors: UInt64 = 0
        var intervals: [LoadInterval] = []
    }
    private var tally = Tally()

    init(target: HTTPTarget, requests: LoadRequests, connections: Int, timeout: Duration) {
        self.target = target
        self.requests = requests
        self.connections = max(1, connections)
        timeoutNanos = UInt64(max(1, timeout.nanoseconds))
    }

    deinit { for s in slots { s.connection.close() } }

    /// Runs for `duration` in `mode`, calling `progress` once a second with the second just ended.
    public func run(mode: LoadMode, duration: Duration, progress: (LoadInterval) -> Void = { _ in }) -> LoadResult {
        prepareSlots()
        tally = Tally()
        let origin = mode.origin
        var schedule: ArrivalSchedule? = nil
        if case .openLoop(let rate, let arrivals, let seed) = mode { schedule = ArrivalSchedule(rate: rate, arrivals: arrivals, seed: seed) }
        let start = Monotonic.now()
        let end = start &+ UInt64(max(0, duration.nanoseconds))
        let giveUp = end &+ timeoutNanos
        var nextIntended: UInt64? = nil
        if schedule != nil { nextIntended = start &+ schedule!.next() }
        var nextTick = start &+ 1_000_000_000
        var lastTick = start
        var now = start
        while true {
            now = Monotonic.now()
            dispatch(&schedule, &nextIntended, start: start, now: now, end: end)
            if now >= nextTick && nextTick <= end {
                // The backlog: requests already due that found no free connection.
                progress(closeInterval(from: lastTick, to: nextTick, start: start,
                                       backlog: Self.backlog(after: nextIntended, schedule, start: start, until: min(now, end &- 1))))
                lastTick = nextTick
                nextTick = lastTick &+ 1_000_000_000
            }
            let pendingDue = nextIntended.map { $0 < end } ?? false
            if now >= giveUp || (now >= end && !pendingDue && !slots.contains(where: \.busy)) { break }
            wait(until: wakeTime(nextIntended: pendingDue ? nextIntended : nil, nextTick: nextTick <= end ? nextTick : .max,
                                 end: end, giveUp: giveUp, now: now))
            service(origin: origin, closedLoop: schedule == nil, end: end)
        }
        let finished = max(now, end)
        if finished > lastTick && (tally.intervalRequests > 0 || tally.intervalErrors > 0 || tally.intervals.isEmpty) {
            progress(closeInterval(from: lastTick, to: finished, start: start,
                                   backlog: Self.backlog(after: nextIntended, schedule, start: start, until: end &- 1)))
        }
        return result(mode: mode, seconds: Double(finished - start) / 1e9,
                      unsent: Self.backlog(after: nextIntended, schedule, start: start, until: end &- 1))
    }

    /// Open loop: sends every request due by `now` while a connection is free (the rest
    /// wait, their intended times kept). Closed loop: gives each free connection a request.
    private func dispatch(_ schedule: inout ArrivalSchedule?, _ nextIntended: inout UInt64?, start: UInt64, now: UInt64, end: UInt64) {
        if var s = schedule {
            while let due = nextIntended, due <= now, due < end, let i = idle.popLast() {
                send(slot: i, intended: due, now: now, closedLoop: false)
                nextIntended = start &+ s.next()
            }
            schedule = s
        } else if now < end && !idle.isEmpty {
            let ready = idle
            idle.removeAll(keepingCapacity: true)
            for i in ready {
                if slots[i].notBefore <= now { send(slot: i, intended: now, now: now, closedLoop: true) } else { idle.append(i) }
            }
        }
    }

    /// The run's figures; requests still in flight are dropped with their connections.
    private func result(mode: LoadMode, seconds: Double, unsent: Int) -> LoadResult {
        let unfinished = slots.filter(\.busy).count
        for i in slots.indices where slots[i].busy { slots[i].connection.close(); slots[i].busy = false }
        let corrected = mode.origin == .intended
        return LoadResult(mode: mode, connections: connections, seconds: seconds, requests: tally.requests,
                          errors: tally.errors, latency: tally.latency.summary,
                          serviceTime: corrected ? tally.service.summary : tally.latency.summary,
                          sendLag: corrected ? tally.lag.summary : nil, intervals: tally.intervals, unsent: unsent, unfinished: unfinished)
    }

    private func prepareSlots() {
        if slots.count != connections {
            for s in slots { s.connection.close() }
            slots = (0..<connections).map { _ in Slot(connection: HTTPConnection(target: target)) }
        }
        for i in slots.indices { slots[i].busy = false; slots[i].notBefore = 0 }
        idle = Array((0..<connections).reversed())
    }

    /// Requests the schedule has due by `limit` (inclusive) from `next` on, not yet
    /// sent; counted on a copy of the schedule (at most 10 million).
    static func backlog(after next: UInt64?, _ schedule: ArrivalSchedule?, start: UInt64, until limit: UInt64) -> Int {
        guard var s = schedule, var due = next else { return 0 }
        var n = 0
        while due <= limit, n < 10_000_000 {
            n += 1
            due = start &+ s.next()
        }
        return n
    }

    // MARK: Sending

    /// Writes the next request on slot `i`; a failed connect is an error and the slot stays idle.
    private func send(slot i: Int, intended: UInt64, now: UInt64, closedLoop: Bool) {
        let c = slots[i].connection
        do throws(TransportError) {
            try c.ensureOpen(now: now)
        } catch {
            tally.errors.connect += 1
            tally.intervalErrors += 1
            slots[i].notBefore = now &+ 10_000_000
            idle.append(i)
            return
        }
        let sentAt = Monotonic.now()
        c.output.writeImmutableBuffer(requests.variants[sequence % requests.variants.count])
        c.enqueued(sequence)
        sequence &+= 1
        slots[i].busy = true
        slots[i].intended = closedLoop ? sentAt : intended
        slots[i].sent = sentAt
        slots[i].deadline = sentAt &+ timeoutNanos
        do throws(TransportError) { try c.flush() } catch { fail(slot: i, io: true) }
    }

    // MARK: Waiting

    private func wakeTime(nextIntended: UInt64?, nextTick: UInt64, end: UInt64, giveUp: UInt64, now: UInt64) -> UInt64 {
        var wake = min(nextTick, giveUp)
        if now < end { wake = min(wake, end) }
        if let due = nextIntended, !idle.isEmpty { wake = min(wake, due) }
        for s in slots {
            if s.busy { wake = min(wake, s.deadline) } else if s.notBefore > now { wake = min(wake, s.notBefore) }
        }
        return wake
    }

    /// Polls the busy connections until one is ready or `wake` (ns precision).
    private func wait(until wake: UInt64) {
        fds.removeAll(keepingCapacity: true)
        fdSlot.removeAll(keepingCapacity: true)
        for (i, s) in slots.enumerated() where s.busy {
            var events = Int16(POLLIN)
            if s.connection.hasOutput { events |= Int16(POLLOUT) }
            fds.append(pollfd(fd: s.connection.fd, events: events, revents: 0))
            fdSlot.append(i)
        }
        let now = Monotonic.now()
        let ns = wake > now ? wake - now : 0
        _ = fds.withUnsafeMutableBufferPointer { p in cengine_poll_nanos(p.baseAddress, UInt(p.count), Int64(ns)) }
    }

    /// Reads every ready connection, records complete answers, and times out late ones.
    private func service(origin: LatencyOrigin, closedLoop: Bool, end: UInt64) {
        for (k, p) in fds.enumerated() where p.revents != 0 {
            let i = fdSlot[k]
            guard slots[i].busy else { continue }
            let c = slots[i].connection
            do throws(TransportError) {
                if p.revents & Int16(POLLOUT) != 0, c.hasOutput { try c.flush() }
                if p.revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 { _ = try c.receive(now: slots[i].sent) }
            } catch {
                fail(slot: i, io: true)
                continue
            }
            switch c.frame() {
            case .incomplete:
                if c.peerClosed { fail(slot: i, io: true) }
            case .invalid:
                fail(slot: i, io: true)
            case .complete(let response):
                let answered = Monotonic.now()
                c.popOldest()
                c.consume(response) { _ in }
                answer(slot: i, status: response.status, at: answered, origin: origin)
                if response.closes { c.close() }
                if closedLoop && answered < end {
                    send(slot: i, intended: answered, now: answered, closedLoop: true)
                } else {
                    idle.append(i)
                }
            }
        }
        let now = Monotonic.now()
        for i in slots.indices where slots[i].busy && slots[i].deadline <= now {
            tally.errors.timeout += 1
            tally.intervalErrors += 1
            slots[i].connection.close()
            slots[i].busy = false
            idle.append(i)
        }
    }

    /// Records one answer on slot `i` (the slot becomes free).
    @inline(__always)
    private func answer(slot i: Int, status: Int, at answered: UInt64, origin: LatencyOrigin) {
        let s = slots[i]
        slots[i].busy = false
        guard status >= 200 && status < 300 else {
            tally.errors.statuses[status, default: 0] += 1
            tally.intervalErrors += 1
            return
        }
        let latency = origin.latency(intended: s.intended, sent: s.sent, answered: answered)
        tally.latency.record(nanos: latency)
        tally.interval.record(nanos: latency)
        if origin == .intended {
            tally.service.record(nanos: LatencyOrigin.sent.latency(intended: s.intended, sent: s.sent, answered: answered))
            tally.lag.record(nanos: s.sent >= s.intended ? s.sent - s.intended : 0)
        }
        tally.requests += 1
        tally.intervalRequests += 1
    }

    /// A connection broke with a request on it: an error; the connection is made again on the next send.
    private func fail(slot i: Int, io: Bool) {
        tally.errors.io += 1
        tally.intervalErrors += 1
        slots[i].connection.close()
        slots[i].busy = false
        idle.append(i)
    }

    private func closeInterval(from: UInt64, to: UInt64, start: UInt64, backlog: Int) -> LoadInterval {
        let interval = LoadInterval(elapsedSeconds: Double(to &- start) / 1e9, seconds: Double(to > from ? to - from : 0) / 1e9,
                                    requests: tally.intervalRequests, errors: tally.intervalErrors,
                                    latency: tally.interval.summary, backlog: backlog)
        tally.intervals.append(interval)
        tally.interval.reset()
        tally.intervalRequests = 0
        tally.intervalErrors = 0
        return interval
    }
}
