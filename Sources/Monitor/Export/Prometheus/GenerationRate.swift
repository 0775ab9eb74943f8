import Engine

/// Generations finished per second over a recent window, from a snapshot alone.
///
/// A gauge for "how fast is it training now", beside the per-mode counter that
/// `rate()` reads: the counter needs two scrapes and a range, the gauge is right
/// in every single scrape (and in `curl`). It counts the snapshot's recent
/// generations that finished in the last `window` seconds before `takenAt`:
///
/// - a run younger than the window is measured over its own age;
/// - when training is faster than the snapshot's ring of recent generations can
///   cover (XOR at thousands a second), over the span the ring does cover;
/// - while paused, the figure falls to 0 as the window empties.
public enum GenerationRate {
    /// The window the exposition uses, seconds.
    public static let standardWindow = 10.0

    /// Generations per second over the last `window` seconds of `snapshot`.
    public static func perSecond(_ snapshot: MetricsSnapshot, window: Double = standardWindow) -> Double {
        let points = snapshot.recentGenerations
        guard let oldest = points.first, window > 0 else { return 0 }
        let now = snapshot.takenAt
        let age = UInt64(Swift.max(0, snapshot.uptimeSeconds) * 1e9)
        let span = Swift.min(UInt64(window * 1e9), age, now)
        let start = now - span
        if oldest.index > 0 && oldest.finishedAt > start {
            // The ring starts inside the window: count the generations after its oldest.
            let elapsed = now &- oldest.finishedAt
            guard oldest.finishedAt < now, elapsed > 0 else { return 0 }
            return Double(points.count - 1) / (Double(elapsed) / 1e9)
        }
        guard span > 0 else { return 0 }
        let recent = points.reduce(0) { $0 + ($1.finishedAt > start && $1.finishedAt <= now ? 1 : 0) }
        return Double(recent) / (Double(span) / 1e9)
    }
}
