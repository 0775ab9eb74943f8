import Engine
import Wire

/// Networks that arrived inline in `POST /infer` (named by content id), kept
/// for later requests and evicted least recently used first once their total
/// estimated size passes `capacityBytes` (`--model-cache-bytes`).
///
/// A content id names one network forever, so an entry is never stale and a
/// replica needs no coordination: whatever it lacks, the client sends again.
/// A lookup takes the lock for a dictionary read and a counter bump (no
/// allocation); eviction scans for the oldest entry, which is cheap next to the
/// decode and compile of the network that caused it.
public final class ModelCache: Sendable {
    private struct Entry {
        let model: ServedModel
        let bytes: Int
        var lastUse: UInt64
    }

    private struct State {
        var usage: Usage { Usage(count: entries.count, bytes: bytes, evictions: evictions, inserted: inserted) }
        var entries: [String: Entry] = [:]
        var bytes = 0
        var clock: UInt64 = 0
        var evictions = 0
        var inserted = 0
    }

    /// The size the entries may take together, in estimated bytes.
    public let capacityBytes: Int
    private let state = Locked(State())
    private let onChange: @Sendable (_ usage: Usage) -> Void

    /// Entries, their estimated bytes, evictions and networks received so far.
    public struct Usage: Sendable, Equatable {
        public var count: Int
        public var bytes: Int
        public var evictions: Int
        public var inserted: Int
    }

    /// The default of `--model-cache-bytes`: 256 MiB, about 95,000 duel networks of
    /// 2.8 KB estimated each (docs/scale-out.md).
    public static let defaultCapacityBytes = 256 << 20

    /// - Parameter onChange: called after each insert with the new usage (metrics).
    public init(capacityBytes: Int = ModelCache.defaultCapacityBytes, onChange: @escaping @Sendable (_ usage: Usage) -> Void = { _ in }) {
        self.capacityBytes = max(0, capacityBytes)
        self.onChange = onChange
    }

    /// The cached model for `id`, marked as just used; nil if absent.
    public func model(_ id: String) -> ServedModel? {
        state.withLock { s -> ServedModel? in
            guard s.entries[id] != nil else { return nil }
            s.clock &+= 1
            s.entries[id]!.lastUse = s.clock
            return s.entries[id]!.model
        }
    }

    /// Adds `model` under its id (replacing nothing: a content id has one network),
    /// then evicts the least recently used entries until the total fits. A model
    /// larger than the whole capacity is not kept (the request that carried it
    /// still uses it).
    public func insert(_ model: ServedModel) {
        let cost = model.estimatedBytes
        let usage = state.withLock { s -> Usage in
            s.clock &+= 1
            s.inserted += 1
            if s.entries[model.id] != nil { s.entries[model.id]!.lastUse = s.clock; return s.usage }
            guard cost <= capacityBytes else { return s.usage }
            s.entries[model.id] = Entry(model: model, bytes: cost, lastUse: s.clock)
            s.bytes += cost
            while s.bytes > capacityBytes, let oldest = s.entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
                s.entries[oldest.key] = nil
                s.bytes -= oldest.value.bytes
                s.evictions += 1
            }
            return s.usage
        }
        onChange(usage)
    }

    /// The current usage (for metrics and tests).
    public var usage: Usage { state.withLock { $0.usage } }
}

extension ServedModel {
    /// What the model holds in memory, estimated from its genes and compiled
    /// arrays (and a fixed allowance for the objects around them); what the
    /// cache counts against `--model-cache-bytes`.
    public var estimatedBytes: Int {
        let genes = genome.nodes.count * MemoryLayout<NodeGene>.stride + genome.connections.count * MemoryLayout<ConnectionGene>.stride
        let compiled = network.nodeCount * 40 + network.connectionCount * 8 + network.outputCount * 8
        return 1024 + id.utf8.count + genes + compiled
    }
}
