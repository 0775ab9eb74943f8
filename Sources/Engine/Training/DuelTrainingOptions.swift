/// Everything that defines a duel training run.
public struct DuelTrainingOptions: Sendable, Equatable {
    public var population: Int = 150
    public var schedule: TournamentSchedule = .ring(opponents: 5)
    public var rules = DuelRules()
    public var seed: UInt64 = 1
    /// Fixed seeds the champion plays the reference bot on after every generation.
    public var referenceSeeds: [UInt64] = ReferenceEvaluation.defaultSeeds(count: 20)

    public init() {}

    /// NEAT settings for the duel: the paper's defaults with 100 inputs and 3 outputs.
    public var neatConfig: NEATConfig {
        var c = NEATConfig.paper(inputs: DuelRules.observationSize, outputs: DuelRules.actionCount)
        c.populationSize = population
        return c
    }

    public func validate() throws(TournamentSchedule.Invalid) {
        try schedule.validate(population: population)
    }
}
