/// Who plays whom in one generation.
///
/// `.ring(k)` is the guide's schedule: opponent j of genome i is (i + j + 1) mod P,
/// for j in 0..<k, so every genome hosts k matches and visits k more.
/// `.roundRobin` plays every pair once.
public enum TournamentSchedule: Sendable, Equatable, Codable, CustomStringConvertible {
    case ring(opponents: Int)
    case roundRobin

    /// Why a schedule cannot be used with a population.
    public struct Invalid: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    public func validate(population: Int) throws(Invalid) {
        guard population >= 2 else { throw Invalid(description: "a tournament needs a population of at least 2 (got \(population))") }
        if case .ring(let k) = self {
            guard k >= 1 else { throw Invalid(description: "--opponents must be at least 1 (got \(k))") }
            guard k < population else {
                throw Invalid(description: "--opponents must be less than the population size (got k = \(k) with population \(population))")
            }
        }
    }

    /// The matches, as (seat A, seat B) genome indices, in a fixed order.
    public func pairs(population p: Int) -> [(Int, Int)] {
        switch self {
        case .ring(let k):
            var out = [(Int, Int)]()
            out.reserveCapacity(p * k)
            for i in 0..<p { for j in 0..<k { out.append((i, (i + j + 1) % p)) } }
            return out
        case .roundRobin:
            var out = [(Int, Int)]()
            out.reserveCapacity(p * (p - 1) / 2)
            for i in 0..<p { for j in (i + 1)..<p { out.append((i, j)) } }
            return out
        }
    }

    /// Matches each genome plays per generation.
    public func matchesPerGenome(population p: Int) -> Int {
        switch self {
        case .ring(let k): return 2 * k
        case .roundRobin: return p - 1
        }
    }

    public var description: String {
        switch self {
        case .ring(let k): return "ring, k = \(k)"
        case .roundRobin: return "round robin"
        }
    }
}
