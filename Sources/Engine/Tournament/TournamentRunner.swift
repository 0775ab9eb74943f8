import Synchronization

/// Plays one generation's matches on the worker pool, in lockstep.
///
/// The matches are split into groups (`groupsPerThread` per worker in CPU mode, one
/// per worker in remote mode); each worker plays whole groups, with no barrier between
/// ticks. Within a group every live match advances one tick at a time: all live
/// players' observations go into one `InferenceBatch`, the active backend answers
/// it, and each match steps. Match
/// outcomes depend only on the match seed and the two networks, never on the
/// grouping or the thread, so results are identical for any thread count.
public final class TournamentRunner: @unchecked Sendable {
    // @unchecked: `workerState[w]` is touched only by the pool thread running with
    // worker index w, and only inside `pool.run`, which orders those accesses.
    public let rules: DuelRules
    public let schedule: TournamentSchedule
    public let scoring: TournamentScoring
    /// Match groups per worker thread in CPU mode (see `play`). With 2 workers, the
    /// time between the first and the last worker finishing was 7% of the tournament
    /// at 4 groups per thread, 4% at 8 and 2% at 16; the extra ticks of smaller
    /// groups cost nothing measurable with 1 thread.
    public let groupsPerThread: Int
    public let pool: WorkerPool
    public let selector: BackendSelector
    public let metrics: MetricsRecorder
    /// Checked at every tick: while it returns true, workers wait.
    public let isPaused: @Sendable () -> Bool
    private var workerState: [WorkerState]
    /// A worker hands its tick and match figures to the shared metrics every this many
    /// ticks and at the end of each group, not at every tick: the shared counters' cache
    /// lines then move between cores rarely, and the live view stays current.
    static let flushEvery = 64

    final class WorkerState {
        var matches: [DuelMatch] = []
        var batch: InferenceBatch
        var session: (any InferenceSession)?
        var sessionVersion = -1
        var recorder: ModeRecorder?
        var countsAsRequest = true
        var live: [Int] = []
        /// Instrumentation gathered by this worker since its last flush (see `flushEvery`).
        var tickInference: [UInt64] = []
        var matchNanos: [UInt64] = []
        var rows = 0
        var tickNanos: UInt64 = 0
        /// The reference evaluation's match and network scratch (reused every generation).
        var referenceMatch: DuelMatch?
        var referenceScratch: [Float] = []
        let bot = ReferenceBot()
        init(capacity: Int) {
            batch = InferenceBatch(capacity: max(2, capacity), inputWidth: DuelRules.observationSize, outputWidth: DuelRules.actionCount)
        }

        /// Forgets the figures gathered since the last flush.
        func clearGathered() {
            tickInference.removeAll(keepingCapacity: true)
            matchNanos.removeAll(keepingCapacity: true)
            rows = 0
            tickNanos = 0
        }

        /// Gathers one tick's figures: its inference and total time, the batch rows, and
        /// for each match it decided, the time from the group's start.
        func gatherTick(inference: UInt64, tick: UInt64, finished: Int, finishedAt: UInt64, rows tickRows: Int) {
            for _ in 0..<finished { matchNanos.append(finishedAt) }
            tickInference.append(inference)
            rows += tickRows
            tickNanos += tick
        }
    }

    /// The matches one group plays: group, group + stride, … of `pairs`, as local
    /// indices 0 ..< count.
    struct MatchSlice {
        let pairs: [(Int, Int)]
        let group: Int
        let stride: Int

        var count: Int { group < pairs.count ? (pairs.count - group + stride - 1) / stride : 0 }
        /// The tournament's index of local match `k`.
        @inline(__always) func match(_ k: Int) -> Int { group + k * stride }
        /// The models of local match `k` (seat A, seat B).
        @inline(__always) func pair(_ k: Int) -> (Int, Int) { pairs[match(k)] }
    }

    /// One group's instrumentation: the clock is read once per phase boundary (the end
    /// of a tick starts the next one), and never when instrumentation is off.
    struct GroupTiming {
        let clock: any NanoClock
        let enabled: Bool
        let groupStart: UInt64
        private(set) var tickStart: UInt64
        private(set) var inferenceNanos: UInt64 = 0

        init(clock: any NanoClock, enabled: Bool) {
            self.clock = clock
            self.enabled = enabled
            groupStart = enabled ? clock.nanoseconds() : 0
            tickStart = groupStart
        }

        /// The time now, or 0 when instrumentation is off.
        func now() -> UInt64 { enabled ? clock.nanoseconds() : 0 }

        /// Starts the tick afresh (after a pause, which is not the tick's time).
        mutating func restartTick() { if enabled { tickStart = clock.nanoseconds() } }

        /// Ends the tick (which spent `inference` in inference) and starts the next; returns the end time.
        mutating func endTick(inference: UInt64) -> UInt64 {
            let end = clock.nanoseconds()
            tickStart = end
            inferenceNanos += inference
            return end
        }
    }

    public init(rules: DuelRules, schedule: TournamentSchedule, scoring: TournamentScoring = TournamentScoring(),
                groupsPerThread: Int = 16, pool: WorkerPool, selector: BackendSelector,
                metrics: MetricsRecorder, isPaused: @escaping @Sendable () -> Bool = { false }) {
        precondition(groupsPerThread >= 1, "groupsPerThread must be at least 1")
        self.rules = rules
        self.schedule = schedule
        self.scoring = scoring
        self.groupsPerThread = groupsPerThread
        self.pool = pool
        self.selector = selector
        self.metrics = metrics
        self.isPaused = isPaused
        workerState = (0..<pool.threadCount).map { _ in WorkerState(capacity: 2) }
    }

    /// The seed of match `index` of generation `generation` in a run seeded `seed`.
    public static func matchSeed(runSeed: UInt64, generation: Int, index: Int) -> UInt64 {
        var sm = SplitMix64(seed: runSeed ^ (UInt64(truncatingIfNeeded: generation) &* 0x9E37_79B9_7F4A_7C15) ^ (UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03))
        return sm.next()
    }

    /// Plays every scheduled match of `models` and returns each genome's fitness
    /// (the plain schedule, no extra opponents).
    public func play(_ models: GenerationModels, runSeed: UInt64) throws -> TournamentResult {
        try play(models, plan: TournamentPlan(schedule: schedule, population: models.count), runSeed: runSeed)
    }

    /// Plays every match of `plan` and returns the fitness of genomes 0..<plan.population.
    /// Model indices ≥ the population (hall of fame) play but get no fitness.
    public func play(_ models: GenerationModels, plan: TournamentPlan, runSeed: UInt64) throws -> TournamentResult {
        let start = metrics.clock.nanoseconds()
        try selector.beginGeneration(models)
        let pairs = plan.pairs
        // CPU mode plays more groups than threads: workers take them one at a time, so a slow group
        // does not leave the other workers idle at the end. A group holds every
        // `groups`-th match, which spreads the costlier bot matches evenly.
        // Remote mode keeps one group per thread: bigger tick batches fill more requests.
        let perThread = selector.mode == .cpu ? groupsPerThread : 1
        let groups = max(1, min(pairs.count, pool.threadCount * perThread))
        let outcomes = ResultSlots<DuelOutcome?>(count: pairs.count)
        let failure = Locked<Error?>(nil)
        let inferenceTotal = Atomic<UInt64>(0)
        let tickTotal = Atomic<Int>(0)
        let generation = models.generation
        pool.run(count: groups) { g, w in
            do {
                let (inf, ticks) = try self.playGroup(worker: w, pairs: pairs, group: g, stride: groups, generation: generation,
                                                      runSeed: runSeed, outcomes: outcomes)
                inferenceTotal.add(inf, ordering: .relaxed)
                tickTotal.add(ticks, ordering: .relaxed)
            } catch {
                failure.withLock { if $0 == nil { $0 = error } }
            }
        }
        if let e = failure.withLock({ $0 }) { throw e }
        let p = plan.population
        var fitness = [Double](repeating: 0, count: p)
        var survived = [Int](repeating: 0, count: p)
        var played = [Int](repeating: 0, count: p)
        var referenceSurvived = [Int](repeating: 0, count: p)
        var wins = 0, draws = 0
        let results = outcomes.take()
        for (m, (a, b)) in pairs.enumerated() {
            let o = results[m]!
            if a < p {
                let ticks = TournamentScoring.survivedTicks(o, player: 0, tickCap: rules.tickCap)
                fitness[a] += o.score(player: 0)
                survived[a] += ticks
                played[a] += 1
                if b == TournamentPlan.referenceBot { referenceSurvived[a] += ticks }
            }
            if b >= 0 && b < p {
                fitness[b] += o.score(player: 1)
                survived[b] += TournamentScoring.survivedTicks(o, player: 1, tickCap: rules.tickCap)
                played[b] += 1
            }
            if o.result == .draw { draws += 1 } else { wins += 1 }
        }
        let scores = fitness
        if scoring.referenceSurvivalWeight > 0 {
            for i in 0..<p {
                fitness[i] += TournamentScoring.referenceSurvival(survivedTicks: referenceSurvived[i],
                                                                  weight: scoring.referenceSurvivalWeight, tickCap: rules.tickCap)
            }
        }
        if scoring.survivalTieBreak {
            for i in 0..<p {
                fitness[i] += TournamentScoring.tieBreak(survivedTicks: survived[i], matches: played[i], tickCap: rules.tickCap)
            }
        }
        return TournamentResult(fitness: fitness, scores: scores, matches: pairs.count, wins: wins, draws: draws,
                                inferenceNanos: inferenceTotal.load(ordering: .relaxed), ticks: tickTotal.load(ordering: .relaxed),
                                wallNanos: metrics.clock.nanoseconds() - start)
    }

    /// `network`'s record against the `ReferenceBot`: it plays seat A against the bot
    /// once per seed, one seed per pool job, each worker with its own bot, match and
    /// buffers (nothing allocated once they have grown). Outcomes are those of
    /// `ReferenceEvaluation.evaluate(network:seeds:rules:)` and do not depend on the thread count.
    public func referenceEvaluation(network: CompiledNetwork, seeds: [UInt64]) -> ReferenceEvaluation {
        let results = pool.map(count: seeds.count) { i, w in self.playReference(worker: w, network: network, seed: seeds[i]) }
        var record = ReferenceEvaluation()
        for r in results { record.record(r) }
        return record
    }

    /// One reference match on worker `w`'s state: `network` (seat A) against the bot (seat B).
    private func playReference(worker w: Int, network: CompiledNetwork, seed: UInt64) -> DuelOutcome.Result {
        let state = workerState[w]
        if state.referenceMatch == nil || state.referenceMatch!.rules != rules { state.referenceMatch = DuelMatch(rules: rules, seed: seed) }
        if state.referenceScratch.count < network.scratchCount {
            state.referenceScratch = [Float](repeating: 0, count: network.scratchCount)
        }
        state.referenceMatch!.reset(seed: seed)
        let observation = state.batch.input(row: 0), outputs = state.batch.output(row: 0)
        return state.referenceScratch.withUnsafeMutableBufferPointer { scratch in
            ReferenceEvaluation.play(&state.referenceMatch!, network: network, bot: state.bot, observation: observation,
                                     outputs: outputs, scratch: scratch.baseAddress!)
        }
    }

    /// Plays matches group, group + stride, … in lockstep on worker `w`; returns (inference ns, ticks).
    /// Each tick: wait while paused, pick up a mode switch, one inference for every live
    /// player, step every live match; instrumentation times the phases when it is on.
    private func playGroup(worker w: Int, pairs: [(Int, Int)], group: Int, stride: Int, generation: Int, runSeed: UInt64,
                           outcomes: ResultSlots<DuelOutcome?>) throws -> (UInt64, Int) {
        let state = workerState[w]
        let slice = MatchSlice(pairs: pairs, group: group, stride: stride)
        guard slice.count > 0 else { return (0, 0) }
        prepare(state, slice, generation: generation, runSeed: runSeed)
        var timing = GroupTiming(clock: metrics.clock, enabled: metrics.enabled)
        state.clearGathered()
        var ticks = 0
        while !state.live.isEmpty {
            if waitWhilePaused() { timing.restartTick() }
            refreshSession(state, worker: w)
            let recorder = state.recorder
            let tickStart = timing.tickStart
            fillBatch(state, slice)
            let inferenceStart = timing.now()
            do {
                try state.session!.infer(state.batch)
            } catch {
                if let r = recorder { flush(state, recorder: r, worker: w) }
                recorder?.recordError(message: "\(error)")
                throw error
            }
            let inferenceEnd = timing.now()
            let finished = stepMatches(state, slice, outcomes: outcomes)
            ticks += 1
            if let r = recorder {
                let end = timing.endTick(inference: inferenceEnd - inferenceStart)
                state.gatherTick(inference: inferenceEnd - inferenceStart, tick: end - tickStart, finished: finished,
                                 finishedAt: end - timing.groupStart, rows: state.batch.count)
                if state.tickInference.count >= Self.flushEvery || state.live.isEmpty { flush(state, recorder: r, worker: w) }
            }
        }
        return (timing.inferenceNanos, ticks)
    }

    /// Readies worker `state` for `slice`'s matches: a batch large enough for every
    /// player, each match reset to its seed, every match live.
    private func prepare(_ state: WorkerState, _ slice: MatchSlice, generation: Int, runSeed: UInt64) {
        let n = slice.count
        if state.batch.capacity < 2 * n {
            state.batch = InferenceBatch(capacity: 2 * n, inputWidth: DuelRules.observationSize, outputWidth: DuelRules.actionCount)
        }
        while state.matches.count < n { state.matches.append(DuelMatch(rules: rules, seed: 0)) }
        for k in 0..<n {
            if state.matches[k].rules != rules { state.matches[k] = DuelMatch(rules: rules, seed: 0) }
            state.matches[k].reset(seed: Self.matchSeed(runSeed: runSeed, generation: generation, index: slice.match(k)))
        }
        state.live.removeAll(keepingCapacity: true)
        state.live.append(contentsOf: 0..<n)
    }

    /// Waits while the tournament is paused (polling every 20 ms); returns whether it did.
    private func waitWhilePaused() -> Bool {
        guard isPaused() else { return false }
        while isPaused() { usleep(20_000) }
        return true
    }

    /// Picks up a mode switch at the next tick batch (one atomic load per tick): a new
    /// session from the selector's current backend, its recorder, and what it counts.
    private func refreshSession(_ state: WorkerState, worker w: Int) {
        guard state.sessionVersion != selector.version || state.session == nil else { return }
        if let r = state.recorder { flush(state, recorder: r, worker: w) }
        let (backend, version) = selector.current
        state.session = backend.makeSession(worker: w)
        state.sessionVersion = version
        state.recorder = metrics.enabled ? metrics.recorder(for: backend.mode) : nil
        if case .cpu = backend.mode { state.countsAsRequest = true } else { state.countsAsRequest = false }
    }

    /// One row per live player: seat A of every live match, then seat B unless it is the reference bot.
    private func fillBatch(_ state: WorkerState, _ slice: MatchSlice) {
        let batch = state.batch
        batch.count = 0
        for k in state.live {
            let (a, b) = slice.pair(k)
            state.matches[k].writeObservation(player: 0, into: batch.appendRow(model: Int32(a)))
            if b != TournamentPlan.referenceBot {
                state.matches[k].writeObservation(player: 1, into: batch.appendRow(model: Int32(b)))
            }
        }
    }

    /// Steps every live match with its rows (the bot decides for its seat), records
    /// decided matches in `outcomes` and keeps the others live, in order (stable
    /// compaction); returns how many were decided.
    private func stepMatches(_ state: WorkerState, _ slice: MatchSlice, outcomes: ResultSlots<DuelOutcome?>) -> Int {
        let batch = state.batch
        var row = 0, kept = 0, finished = 0
        for i in 0..<state.live.count {
            let k = state.live[i]
            let actionA = DuelAction(outputs: batch.output(row: row))
            let actionB: DuelAction
            if slice.pair(k).1 == TournamentPlan.referenceBot {
                actionB = state.bot.action(match: state.matches[k], player: 1)
                row += 1
            } else {
                actionB = DuelAction(outputs: batch.output(row: row + 1))
                row += 2
            }
            state.matches[k].step(actionA: actionA, actionB: actionB)
            if let o = state.matches[k].outcome {
                outcomes.set(slice.match(k), o)
                finished += 1
            } else {
                state.live[kept] = k
                kept += 1
            }
        }
        state.live.removeLast(state.live.count - kept)
        return finished
    }

    /// Hands worker `w`'s gathered figures to the metrics and clears them.
    private func flush(_ state: WorkerState, recorder: ModeRecorder, worker w: Int) {
        guard !state.tickInference.isEmpty || !state.matchNanos.isEmpty else { return }
        metrics.recordTicks(recorder, worker: w, inferenceNanos: state.tickInference[...], matchNanos: state.matchNanos[...],
                            rows: state.rows, tickNanos: state.tickNanos, countsAsRequest: state.countsAsRequest)
        state.clearGathered()
    }
}

#if canImport(Glibc)
import Glibc
#endif
