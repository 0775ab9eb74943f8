import Engine
import Synchronization
import Testing
@testable import Serving
import Wire

@Suite("ModelRegistry")
struct ModelRegistryTests {
    static func model(_ id: String, population: Bool = false) -> ServedModel {
        try! ServedModel(id: id, genome: ServerTestSupport.hidden(), fromPopulation: population)
    }

    @Test func putMakesTheDefaultAndReportsTheCount() {
        let counts = Locked<[Int]>([])
        let r = ModelRegistry(onChange: { n in counts.withLock { $0.append(n) } })
        r.put(Self.model("a"))
        r.put(Self.model("b"))
        #expect(r.snapshot.defaultID == "b")
        r.put(Self.model("a"))
        #expect(r.snapshot.defaultID == "a" && r.count == 2)
        #expect(r.remove("a"))
        #expect(!r.remove("a"))
        #expect(r.snapshot.defaultID == nil && r.snapshot.defaultModel == nil)
        #expect(counts.withLock { $0 } == [1, 2, 2, 1])
    }

    @Test func populationReplacesOnlyThePreviousPopulation() throws {
        let r = ModelRegistry()
        r.put(Self.model("champion"))
        try r.replacePopulation([Self.model("g1-0", population: true), Self.model("g1-1", population: true)])
        #expect(Set(r.snapshot.models.keys) == ["champion", "g1-0", "g1-1"])
        #expect(r.snapshot.defaultID == "champion")   // still loaded, so kept
        try r.replacePopulation([Self.model("g2-0", population: true)], defaultID: "g2-0")
        #expect(Set(r.snapshot.models.keys) == ["champion", "g2-0"])
        #expect(r.snapshot.defaultID == "g2-0")
        try r.replacePopulation([Self.model("g3-0", population: true), Self.model("g3-1", population: true)])
        #expect(r.snapshot.defaultID == "g3-0")       // previous default gone: first of the new population
        #expect(throws: ServingError.self) { try r.replacePopulation([Self.model("x")], defaultID: "y") }
        #expect(Set(r.snapshot.models.keys) == ["champion", "g3-0", "g3-1"])
    }

    @Test func snapshotsStayConsistentUnderConcurrentUploads() async throws {
        let r = ModelRegistry()
        try r.replacePopulation((0..<10).map { Self.model("p\($0)", population: true) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for gen in 0..<200 {
                    try r.replacePopulation((0..<10).map { Self.model("g\(gen)-\($0)", population: true) })
                }
            }
            for _ in 0..<3 {
                group.addTask {
                    for _ in 0..<2_000 {
                        let s = r.snapshot
                        // A snapshot is always one whole generation.
                        #expect(s.models.count == 10)
                        let prefixes = Set(s.models.keys.map { $0.split(separator: "-").first ?? "" })
                        #expect(prefixes.count == 1 || s.models.keys.allSatisfy { $0.hasPrefix("p") })
                        #expect(s.defaultModel != nil)
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    @Test func invalidGenomesAreRejectedNotCompiled() {
        var g = ServerTestSupport.hidden()
        g.connections.append(ConnectionGene(innovation: 9, from: 0, to: 5, weight: 1))   // closes a cycle 5 → 0 → 5
        #expect(throws: ServingError.self) { try ServedModel(id: "cyclic", genome: g) }
        do { _ = try ServedModel(id: "cyclic", genome: g) } catch {
            #expect(error.message == "model 'cyclic' is not a valid feed-forward network: connections form a cycle")
        }
    }
}
