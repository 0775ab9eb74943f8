/// What a remote mode measured on loopback would do a network hop away: each
/// tick's requests go out in waves of at most `inFlight` (the requests a worker
/// keeps in flight), every wave waits one more round trip, and the workers run
/// side by side.
///
///     waves per tick       = ⌈requests per tick / in flight⌉
///     added per generation = ticks per generation per worker × waves per tick × RTT
///     projected gen/s      = 1 / (1 / measured gen/s + added per generation)
///     projected requests/s = requests per generation × projected gen/s
///
/// This is Little's law with the in-flight count fixed by the client: each
/// request's time in the system grows by the RTT, its service time (measured:
/// client and server cost, loopback transport) stays. Marked as a projection
/// wherever shown.
public struct NetworkProjection: Sendable, Equatable {
    public var generationsPerSecond: Double
    public var requestsPerSecond: Double
    /// Seconds the assumed round trip adds to a generation.
    public var addedSecondsPerGeneration: Double

    public init(generationsPerSecond: Double, requestsPerSecond: Double, addedSecondsPerGeneration: Double) {
        self.generationsPerSecond = generationsPerSecond
        self.requestsPerSecond = requestsPerSecond
        self.addedSecondsPerGeneration = addedSecondsPerGeneration
    }

    /// The projection of a mode's measured figures at `rttSeconds`; nil when nothing was measured.
    ///
    /// - Parameters:
    ///   - ticks: inference waits recorded (all workers), `ModeFigures.inference.count`
    ///   - requests: requests answered, generations: generations finished, generationsPerSecond: measured
    ///   - workers: worker threads, inFlight: requests a worker keeps in flight (`--concurrency`)
    public static func project(ticks: UInt64, requests: UInt64, generations: Int, generationsPerSecond: Double,
                               workers: Int, inFlight: Int, rttSeconds: Double) -> NetworkProjection? {
        guard ticks > 0, requests > 0, generations > 0, generationsPerSecond > 0, workers > 0, inFlight > 0, rttSeconds >= 0 else { return nil }
        let requestsPerTick = Double(requests) / Double(ticks)
        let waves = Swift.max(1, (requestsPerTick / Double(inFlight)).rounded(.up))
        let ticksPerGenerationPerWorker = Double(ticks) / Double(generations) / Double(workers)
        let added = ticksPerGenerationPerWorker * waves * rttSeconds
        let gps = 1 / (1 / generationsPerSecond + added)
        return NetworkProjection(generationsPerSecond: gps, requestsPerSecond: Double(requests) / Double(generations) * gps,
                                 addedSecondsPerGeneration: added)
    }
}
