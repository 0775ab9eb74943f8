/// Compiling a `Genome`: the public entry points over the kernels' `GenomeView` form.
extension CompiledNetwork {
    /// Compiles `genome`: only nodes an output depends on are evaluated; disabled
    /// connections are dropped. (`recompile(_:workspace:)` does the same reusing storage.)
    public init(_ genome: Genome) {
        var workspace = Workspace()
        self.init(empty: ())
        recompile(genome, workspace: &workspace)
    }

    /// Compiles `genome` into this value, reusing its storage (no allocation once
    /// the arrays are large enough and not shared). Gives exactly what
    /// `CompiledNetwork(genome)` gives.
    public mutating func recompile(_ genome: borrowing Genome, workspace: inout Workspace) {
        genome.withView { recompile($0, workspace: &workspace) }
    }
}
