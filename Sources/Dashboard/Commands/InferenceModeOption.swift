import ArgumentParser

/// `--mode`: where inference runs.
/// ArgumentParser parses it (its error names the flag and lists the values) and
/// `--help` lists the values; any case is accepted.
enum InferenceModeOption: String, ExpressibleByArgument, CaseIterable {
    /// Compiled networks in this process.
    case cpu
    /// An HTTP inference server.
    case remote

    init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
