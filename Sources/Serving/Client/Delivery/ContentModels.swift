import Engine

/// One generation's models named by content id: the id of each model index,
/// and the network document of each id, ready to go inline when a server
/// answers that it lacks it.
///
/// Shared by every session for the generation. Building the next generation
/// reuses the documents of ids that did not change, so an unchanged genome is
/// neither re-encoded nor re-sent.
///
/// `sent` remembers which ids this client has already sent inline (carried over
/// to the next generation for the ids it keeps): the first request that names a
/// network carries it without being asked, so a single server never has to
/// answer `missing`, and concurrent requests naming the same new network do not
/// all send it. Replicas that did not receive it ask (`missing`).
final class ContentModels: Sendable {
    /// `sha256:<hex>` of model index i (`Genome.contentID`).
    let ids: [String]
    /// The neat-python network JSON of each id.
    let documents: [String: [UInt8]]

    /// Ids sent inline at least once (to any server).
    private let sent: Locked<Set<String>>

    init(ids: [String], documents: [String: [UInt8]], sent: Set<String> = []) {
        self.ids = ids
        self.documents = documents
        self.sent = Locked(sent)
    }

    /// The ids among `rows`' models that were never sent, now marked sent; empty
    /// (no allocation) when every one was.
    func claimUnsent(_ batch: InferenceBatch, rows: Range<Int>) -> [String] {
        sent.withLock { sent in
            var fresh = [String]()
            for r in rows {
                let id = ids[Int(batch.models[r])]
                if !sent.contains(id) { sent.insert(id); fresh.append(id) }
            }
            return fresh
        }
    }

    /// Every id of the generation never sent, now marked sent, in model order.
    func claimAllUnsent() -> [String] {
        sent.withLock { sent in
            var fresh = [String]()
            for id in ids where !sent.contains(id) { sent.insert(id); fresh.append(id) }
            return fresh
        }
    }

    /// Marks `ids` unsent again (their upload failed: requests will carry them).
    func unclaim(_ ids: [String]) {
        sent.withLock { sent in for id in ids { sent.remove(id) } }
    }

    /// Which of `ids` were sent (carried over to the next generation).
    fileprivate func sentAmong(_ keep: [String: [UInt8]]) -> Set<String> {
        sent.withLock { $0.filter { keep[$0] != nil } }
    }

    /// Ids and documents of `genomes`, reusing `previous`'s documents;
    /// `encode` writes a network document (the server's JSON for one model).
    static func build(_ genomes: [Genome], previous: ContentModels?, encode: (Genome, Int) throws(RemoteError) -> [UInt8]) throws(RemoteError) -> ContentModels {
        var ids = [String]()
        ids.reserveCapacity(genomes.count)
        var documents = [String: [UInt8]](minimumCapacity: genomes.count)
        for (i, genome) in genomes.enumerated() {
            let id = genome.contentID
            ids.append(id)
            guard documents[id] == nil else { continue }
            if let known = previous?.documents[id] {
                documents[id] = known
            } else {
                documents[id] = try encode(genome, i)
            }
        }
        return ContentModels(ids: ids, documents: documents, sent: previous?.sentAmong(documents) ?? [])
    }
}
