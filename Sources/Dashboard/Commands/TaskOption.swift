import ArgumentParser

/// `--task`: what the population learns.
/// Any case is accepted; `--help` lists the values.
enum TaskOption: String, ExpressibleByArgument, CaseIterable {
    case duel, xor, pole

    init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
