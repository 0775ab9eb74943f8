import ArgumentParser
import Logging

/// `serve --log-level`: swift-log's levels.
/// Any case is accepted; `--help` lists the values.
enum LogLevelOption: String, ExpressibleByArgument, CaseIterable {
    case trace, debug, info, notice, warning, error, critical

    init?(argument: String) { self.init(rawValue: argument.lowercased()) }

    var level: Logger.Level { Logger.Level(rawValue: rawValue)! }
}
