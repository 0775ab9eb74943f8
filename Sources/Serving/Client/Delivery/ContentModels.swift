import Engine

/// One generation's models named by content id: the id of each model index,
/// and the network document of each id, ready to go inline when a server
/// answers that it lacks it.
///
/// Immutable once built, shared by every session for the generation. Building
/// the next generation reuses the documents of ids that did not change, so an
/// unchanged genome is neither re-encoded nor re-sent.
final class ContentModels: Sendable {
    /// `sha256:<hex>` of model index i (`Genome.contentID`).
    let ids: [String]
    /// The neat-python network JSON of each id.
    let documents: [String: [UInt8]]

    init(ids: [String], documents: [String: [UInt8]]) {
        self.ids = ids
        self.documents = documents
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
        return ContentModels(ids: ids, documents: documents)
    }
}
