/// Storage speciation reuses from one generation to the next (`Population` keeps
/// one), so that speciating allocates nothing once it has seen a generation as
/// large as the current one. Only neat-python's speciation uses it (its distance
/// table and visiting order); the paper's compares genomes directly.
public struct SpeciationWorkspace: Sendable {
    var table = GenomeDistanceTable()
    var order: [Int] = []
    var assigned: [Bool] = []
    var repRow: [Int] = []
    public init() {}
}
