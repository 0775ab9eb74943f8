import Foundation

/// A saved population: the genomes of the last evaluated generation with their
/// fitness, written by `dashboard train --save FILE` and read by `dashboard export`.
public struct PopulationFile: Codable, Sendable, Equatable {
    public static let formatVersion = 1

    public var formatVersion: Int
    public var task: String
    public var generation: Int
    public var genomes: [Genome]

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", task, generation, genomes
    }

    public init(task: String, generation: Int, genomes: [Genome]) {
        formatVersion = Self.formatVersion
        self.task = task
        self.generation = generation
        self.genomes = genomes
    }

    /// The genome with the highest fitness.
    public var champion: Genome? { genomes.max { ($0.fitness ?? -.infinity) < ($1.fitness ?? -.infinity) } }

    /// Why a population file could not be read.
    public struct ReadError: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    /// Writes the file atomically (a temporary file, then a rename).
    public func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(self)
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// Reads and checks a population file; every error names the file and the problem.
    public static func read(from path: String) throws(ReadError) -> PopulationFile {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ReadError(description: "\(path): cannot read the population file (\(error.localizedDescription))")
        }
        let file: PopulationFile
        do { file = try JSONDecoder().decode(PopulationFile.self, from: data) } catch let DecodingError.dataCorrupted(ctx) {
            throw ReadError(description: "\(path): not a population file: \(ctx.debugDescription)")
        } catch let DecodingError.keyNotFound(key, ctx) {
            throw ReadError(description: "\(path): missing field '\((ctx.codingPath + [key]).map(\.stringValue).joined(separator: "."))'")
        } catch let DecodingError.typeMismatch(_, ctx) {
            throw ReadError(description: "\(path): field '\(ctx.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type: \(ctx.debugDescription)")
        } catch let DecodingError.valueNotFound(_, ctx) {
            throw ReadError(description: "\(path): field '\(ctx.codingPath.map(\.stringValue).joined(separator: "."))' is null")
        } catch {
            throw ReadError(description: "\(path): not a population file: \(error)")
        }
        guard file.formatVersion == formatVersion else {
            throw ReadError(description: "\(path): format_version \(file.formatVersion) is not supported (expected \(formatVersion))")
        }
        guard !file.genomes.isEmpty else { throw ReadError(description: "\(path): the population has no genomes") }
        for g in file.genomes {
            if let problem = g.validate() { throw ReadError(description: "\(path): genome \(g.id) is invalid: \(problem)") }
        }
        return file
    }
}
