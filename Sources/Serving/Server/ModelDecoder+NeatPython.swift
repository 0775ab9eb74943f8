import Engine

extension ModelDecoder {
    /// neat-python's network JSON format 1.0, via `Genome(neatPythonJSON:)`.
    public static let neatPython = ModelDecoder { _ in
        throw ServingError(.notImplemented, "neat-python network JSON import is not built into this server yet")
    }
}
