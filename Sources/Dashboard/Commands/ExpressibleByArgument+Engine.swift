import ArgumentParser
import Engine
import Serving

// Engine and Serving types that options take as values: ArgumentParser parses them
// (its error names the flag and lists the values) and `--help` lists the values.

/// `--server-kind`: which HTTP API the remote server speaks.
extension ServerKind: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

/// `--activation`: a node activation function by its neat-python name.
extension Activation: ExpressibleByArgument {}
