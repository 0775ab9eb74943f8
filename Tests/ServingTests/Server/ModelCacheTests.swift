import Engine
import Testing
@testable import Serving

/// The inline-network cache: bounded by estimated bytes, least recently used out first.
@Suite struct ModelCacheTests {
    static func model(seed: Int) throws -> ServedModel {
        let genome = ServerTestSupport.dense(inputs: 10, outputs: 2, seed: seed)
        return try ServedModel(id: genome.contentID, genome: genome)
    }

    @Test func keepsWithinItsBytesAndEvictsTheLeastRecentlyUsed() throws {
        let models = try (1...4).map { try Self.model(seed: $0) }
        let cost = models[0].estimatedBytes
        #expect(models.allSatisfy { $0.estimatedBytes == cost })
        let cache = ModelCache(capacityBytes: cost * 3)
        for m in models.prefix(3) { cache.insert(m) }
        #expect(cache.usage.count == 3 && cache.usage.bytes == 3 * cost)
        _ = cache.model(models[0].id)              // 0 is now the most recent; 1 the least
        cache.insert(models[3])
        #expect(cache.usage.count == 3 && cache.usage.bytes <= cache.capacityBytes && cache.usage.evictions == 1)
        #expect(cache.model(models[1].id) == nil)
        #expect(cache.model(models[0].id) === models[0] && cache.model(models[2].id) != nil && cache.model(models[3].id) != nil)
    }

    @Test func aModelLargerThanTheWholeCacheIsNotKept() throws {
        let m = try Self.model(seed: 1)
        let cache = ModelCache(capacityBytes: m.estimatedBytes - 1)
        cache.insert(m)
        #expect(cache.usage.count == 0 && cache.model(m.id) == nil)
    }

    @Test func insertingTheSameIdTwiceCountsItOnce() throws {
        let m = try Self.model(seed: 2)
        let cache = ModelCache(capacityBytes: 1 << 20)
        cache.insert(m)
        cache.insert(try Self.model(seed: 2))
        #expect(cache.usage.count == 1 && cache.usage.bytes == m.estimatedBytes)
    }
}
