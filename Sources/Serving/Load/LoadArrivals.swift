/// How open-loop requests are spaced in time (`--arrivals`).
public enum LoadArrivals: String, Sendable, Hashable, OptionValue {
    public static let optionName = "--arrivals"

    /// Evenly: one request every 1/rate seconds (wrk2's spacing).
    case constant
    /// A Poisson process: independent exponential gaps of mean 1/rate, seeded,
    /// as many independent clients would arrive.
    case poisson
}
