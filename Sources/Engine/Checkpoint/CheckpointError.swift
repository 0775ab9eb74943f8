/// Why a checkpoint could not be read, written or resumed from; the description
/// names the file (or directory) and the problem.
public struct CheckpointError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
