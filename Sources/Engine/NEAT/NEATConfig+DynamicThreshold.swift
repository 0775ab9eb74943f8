extension NEATConfig {
    /// The compatibility threshold for the next generation's speciation, after a
    /// generation of `speciesCount` species speciated with `threshold`.
    ///
    /// With a `targetSpecies`, the rule of NEAT's reference implementation (Stanley's
    /// C++ NEAT, `Population::epoch`, and rtNEAT's real-time loop): more species than
    /// the target raise δt by `compatibilityThresholdStep`, fewer lower it by the same
    /// step, never below `compatibilityThresholdFloor`; on target it stays. The
    /// reference implementation steps 0.3 per generation with a floor of 0.3 (rtNEAT
    /// steps 0.1 every few offspring), and so do the defaults here. Without a target
    /// δt never moves.
    ///
    /// The paper's distance cannot reach its fixed δt = 3.0 between genomes with many
    /// inputs and sparse connections (the duel's: (E + D)/N stays below 2 and the mean
    /// weight difference is small), so such a population is one species for good; the
    /// steered threshold follows the distances the population actually has.
    public func nextCompatibilityThreshold(after threshold: Double, speciesCount: Int) -> Double {
        guard targetSpecies > 0 else { return threshold }
        var next = threshold
        if speciesCount > targetSpecies { next += compatibilityThresholdStep }
        else if speciesCount < targetSpecies { next -= compatibilityThresholdStep }
        return max(compatibilityThresholdFloor, next)
    }
}
