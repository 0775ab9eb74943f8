/// How much time the charts show; `[` and `]` step through the cases.
public enum ChartWindow: Int, Sendable, CaseIterable, Equatable {
    case oneMinute, fiveMinutes, fifteenMinutes, oneHour, wholeRun

    /// The window's length; nil for the whole run.
    public var seconds: Double? {
        switch self {
        case .oneMinute: return 60
        case .fiveMinutes: return 300
        case .fifteenMinutes: return 900
        case .oneHour: return 3600
        case .wholeRun: return nil
        }
    }

    /// For chart titles: "last 5m", "whole run".
    public var label: String {
        switch self {
        case .oneMinute: return "last 1m"
        case .fiveMinutes: return "last 5m"
        case .fifteenMinutes: return "last 15m"
        case .oneHour: return "last 1h"
        case .wholeRun: return "whole run"
        }
    }

    /// The next longer window (the whole run stays).
    public var longer: ChartWindow { ChartWindow(rawValue: rawValue + 1) ?? .wholeRun }
    /// The next shorter window (one minute stays).
    public var shorter: ChartWindow { ChartWindow(rawValue: rawValue - 1) ?? .oneMinute }
}
