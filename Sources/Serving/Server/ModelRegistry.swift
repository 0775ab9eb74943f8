import Engine
import Synchronization
import Wire

/// The models the server holds, safe under concurrent requests.
///
/// State is an immutable `Snapshot` behind a lock (`Locked`): a request takes the lock
/// only to copy the snapshot (a reference-count bump), then reads it without
/// any lock; an upload builds the new dictionary outside the lock and swaps it
/// in. Compiling happens before the swap, so inference never waits for it.
///
/// Models uploaded one at a time (`put`) stay until deleted; a population upload
/// replaces the previous population's models only.
public final class ModelRegistry: Sendable {
    /// An immutable view of the registry.
    public struct Snapshot: Sendable {
        public let models: [String: ServedModel]
        /// The model `/infer` uses when the request names none.
        public let defaultID: String?
        /// Ids that came with the current population.
        let populationIDs: Set<String>

        public var defaultModel: ServedModel? { defaultID.flatMap { models[$0] } }
    }

    private let state = Locked(Snapshot(models: [:], defaultID: nil, populationIDs: []))
    private let onChange: @Sendable (Int) -> Void

    /// - Parameter onChange: called with the new model count after each change (metrics).
    public init(onChange: @escaping @Sendable (Int) -> Void = { _ in }) {
        self.onChange = onChange
    }

    /// The current models; lock held only for the copy.
    public var snapshot: Snapshot { state.withLock { $0 } }

    public var count: Int { snapshot.models.count }

    /// Adds or replaces one model and makes it the default.
    public func put(_ model: ServedModel) {
        let count = state.withLock { s -> Int in
            var models = s.models
            models[model.id] = model
            var pop = s.populationIDs
            pop.remove(model.id)
            s = Snapshot(models: models, defaultID: model.id, populationIDs: pop)
            return models.count
        }
        onChange(count)
    }

    /// Replaces the previous population with `models` (in upload order).
    ///
    /// The default becomes `defaultID` when given; else stays if its model is
    /// still loaded; else the first model of the new population.
    public func replacePopulation(_ models: [ServedModel], defaultID: String? = nil) throws(ServingError) {
        if let d = defaultID, !models.contains(where: { $0.id == d }) {
            throw ServingError(.badRequest, "default '\(d)' is not one of the uploaded models")
        }
        let count = state.withLock { s -> Int in
            var all = s.models.filter { !s.populationIDs.contains($0.key) }
            for m in models { all[m.id] = m }
            var newDefault = defaultID
            if newDefault == nil, let d = s.defaultID, all[d] != nil { newDefault = d }
            if newDefault == nil { newDefault = models.first?.id }
            s = Snapshot(models: all, defaultID: newDefault, populationIDs: Set(models.map(\.id)))
            return all.count
        }
        onChange(count)
    }

    /// Removes every model whose id is in `ids`; returns the ids removed, in `ids` order.
    @discardableResult
    public func remove(ids: [String]) -> [String] {
        let (removed, count) = state.withLock { s -> ([String], Int) in
            let gone = ids.filter { s.models[$0] != nil }
            guard !gone.isEmpty else { return ([], s.models.count) }
            var models = s.models
            var pop = s.populationIDs
            for id in gone { models[id] = nil; pop.remove(id) }
            let defaultID = s.defaultID.flatMap { models[$0] == nil ? nil : $0 }
            s = Snapshot(models: models, defaultID: defaultID, populationIDs: pop)
            return (gone, models.count)
        }
        if !removed.isEmpty { onChange(count) }
        return removed
    }

    /// Removes a model; returns false if there was none with that id.
    @discardableResult
    public func remove(_ id: String) -> Bool {
        let result = state.withLock { s -> Int? in
            guard s.models[id] != nil else { return nil }
            var models = s.models
            models[id] = nil
            var pop = s.populationIDs
            pop.remove(id)
            s = Snapshot(models: models, defaultID: s.defaultID == id ? nil : s.defaultID, populationIDs: pop)
            return models.count
        }
        guard let count = result else { return false }
        onChange(count)
        return true
    }
}
