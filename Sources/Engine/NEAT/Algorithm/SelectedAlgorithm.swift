/// The algorithm a config names (`NEATConfig.semantics`): the one place that choice
/// is read. `Population` keeps one and switches on it once per generation, then
/// runs the whole step with the concrete algorithm.
enum SelectedAlgorithm: Sendable {
    case paper(PaperNEAT)
    case neatPython(NeatPythonNEAT)

    init(_ config: NEATConfig) {
        switch config.semantics {
        case .paper: self = .paper(PaperNEAT())
        case .neatPython: self = .neatPython(NeatPythonNEAT())
        }
    }
}
