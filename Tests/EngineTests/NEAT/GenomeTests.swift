import Foundation
import Testing
@testable import Engine

@Suite struct GenomeTests {
    typealias F = NEATFixture

    @Test func initSortsNodesAndConnections() {
        let g = Genome(id: 1, numInputs: 2, numOutputs: 1, nodes: [F.node(4), F.node(0), F.node(2)],
                       connections: [F.conn(7, 2, 0), F.conn(3, -1, 4), F.conn(5, 4, 2)])
        #expect(g.nodes.map(\.id) == [0, 2, 4])
        #expect(g.connections.map(\.innovation) == [3, 5, 7])
        #expect(g.validate() == nil)
        #expect(g.inputIDs == [-1, -2])
        #expect(g.outputIDs == [0])
        #expect(g.hiddenCount == 2)
    }

    @Test func lookups() {
        let g = F.genome(hidden: [3, 8], [F.conn(0, -1, 0), F.conn(1, -2, 3, enabled: false), F.conn(4, 3, 0)])
        #expect(g.nodeIndex(0) == 0)
        #expect(g.nodeIndex(8) == 2)
        #expect(g.nodeIndex(5) == nil)
        #expect(g.nodeIndex(-1) == nil)
        #expect(g.enabledConnectionCount == 2)
    }

    @Test func insertKeepsOrder() {
        var g = F.genome(hidden: [5], [F.conn(2, -1, 0), F.conn(9, -1, 5)])
        g.insertConnection(F.conn(4, 5, 0))
        g.insertConnection(F.conn(0, -2, 0))
        g.insertConnection(F.conn(12, -2, 5))
        #expect(g.connections.map(\.innovation) == [0, 2, 4, 9, 12])
        g.insertNode(F.node(3))
        g.insertNode(F.node(7))
        #expect(g.nodes.map(\.id) == [0, 3, 5, 7])
        #expect(g.validate() == nil)
    }

    @Test func createsCycle() {
        // -1 → 3 → 4 → 0, and 3 → 0 disabled; 5 unconnected.
        let g = F.genome(hidden: [3, 4, 5], [F.conn(0, -1, 3), F.conn(1, 3, 4), F.conn(2, 4, 0), F.conn(3, 3, 0, enabled: false)])
        #expect(g.createsCycle(from: 4, to: 3))
        #expect(g.createsCycle(from: 0, to: 3))
        #expect(g.createsCycle(from: 0, to: 4))
        #expect(g.createsCycle(from: 3, to: 3))
        #expect(!g.createsCycle(from: 3, to: 0))
        #expect(!g.createsCycle(from: -2, to: 4))
        #expect(!g.createsCycle(from: 5, to: 3))
        #expect(!g.createsCycle(from: 0, to: 5))
        // A cycle through a disabled gene counts: 0 → 5 → 3 would close 3 ⇢ 0 → 5 → 3.
        let h = F.genome(hidden: [3, 5], [F.conn(0, 3, 0, enabled: false), F.conn(1, 0, 5)])
        #expect(h.createsCycle(from: 5, to: 3))
    }

    @Test func validateAcceptsEmptyAndMinimal() {
        #expect(F.genome([]).validate() == nil)
        #expect(F.genome(outputs: 3, [F.conn(0, -1, 2)]).validate() == nil)
    }

    @Test func validateMissingOutput() {
        let g = Genome(id: 0, numInputs: 1, numOutputs: 2, nodes: [F.node(1)], connections: [])
        #expect(g.validate() == "missing output node 0")
    }

    @Test func validateRejectsBrokenGenomes() {
        var g = F.genome(hidden: [3], [F.conn(0, -1, 3), F.conn(1, 3, 0)])
        #expect(g.validate() == nil)

        var unsorted = g
        unsorted.nodes = [F.node(3), F.node(0)]
        #expect(unsorted.validate()?.contains("nodes not sorted") == true)

        var unsortedConnections = g
        unsortedConnections.connections.swapAt(0, 1)
        #expect(unsortedConnections.validate()?.contains("not sorted by innovation") == true)

        var toInput = g
        toInput.insertConnection(F.conn(5, 3, -2))
        #expect(toInput.validate()?.contains("ends at input") == true)

        var toUnknown = g
        toUnknown.insertConnection(F.conn(5, -1, 9))
        #expect(toUnknown.validate()?.contains("unknown node 9") == true)

        var fromUnknownInput = g
        fromUnknownInput.insertConnection(F.conn(5, -3, 0))
        #expect(fromUnknownInput.validate()?.contains("unknown input -3") == true)

        var fromUnknownNode = g
        fromUnknownNode.insertConnection(F.conn(5, 7, 0))
        #expect(fromUnknownNode.validate()?.contains("unknown node 7") == true)

        var duplicate = g
        duplicate.insertConnection(F.conn(5, -1, 3, enabled: false))
        #expect(duplicate.validate()?.contains("duplicate") == true)

        var cycle = g
        cycle.insertConnection(F.conn(5, 0, 3, enabled: false))  // disabled genes count
        #expect(cycle.validate() == "connections form a cycle")

        g.insertConnection(F.conn(6, -2, 0))
        #expect(g.validate() == nil)
    }

    @Test func codableRoundTrip() throws {
        let g = F.genome(id: 9, hidden: [4], [F.conn(0, -1, 4, 0.25), F.conn(2, 4, 0, -1.5, enabled: false)], fitness: 2.5)
        let data = try JSONEncoder().encode(g)
        #expect(try JSONDecoder().decode(Genome.self, from: data) == g)
    }
}
