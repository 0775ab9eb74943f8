import Engine
import NIOCore
import Wire

/// `POST /infer`: parses the body, checks shapes against the models, evaluates
/// each row and writes `[[f32, ...], ...]`.
///
/// Synchronous and free of HTTP types apart from `ByteBuffer`, so it is tested
/// directly. Scratch space comes from `withUnsafeTemporaryAllocation` (the stack
/// for small requests), so a request allocates only its response buffer.
///
/// Rows are evaluated one at a time with `CompiledNetwork.evaluate`, the same
/// call (and so the same float summation order) as the in-process CPU backend:
/// remote and CPU runs give bit-identical outputs.
///
/// Models are found by id among the uploaded ones, then (for content ids,
/// `sha256:<hex>`) among the networks sent inline in this request and those
/// cached from earlier ones (`ModelCache`). Content ids found nowhere make the
/// answer a 404 listing them all in `"missing"`, so one resend with them inline
/// suffices on any replica.
struct InferEndpoint: Sendable {
    let registry: ModelRegistry
    var limits = ServerLimits.standard
    var cache = ModelCache()
    var decoder = ModelDecoder.neatPython
    /// Added to every evaluation, spent spinning (`--add-compute-latency`, a testing aid); zero: none.
    var addedCompute: Duration = .zero

    /// The response body, the number of rows evaluated and where the time went.
    func respond(to body: ByteBuffer) throws(ServingError) -> (body: ByteBuffer, rows: Int, timing: ServerTiming) {
        let byteCount = body.readableBytes
        guard byteCount > 0 else { throw ServingError.badRequest("empty body: send {\"inputs\": [[...], ...]}") }
        let capacity = InferCodec.capacity(forBodyBytes: byteCount)
        let snapshot = registry.snapshot
        var laps = ServerTiming.Laps()
        var timing = ServerTiming()
        do {
            return try withUnsafeTemporaryAllocation(of: Float.self, capacity: capacity) { values in
                try withUnsafeTemporaryAllocation(of: Int32.self, capacity: capacity) { rowEnds in
                    let request = try body.withUnsafeReadableBytes { raw in
                        try InferCodec.parse(raw, values: values.baseAddress!, rowEnds: rowEnds.baseAddress!, limits: limits)
                    }
                    let inline = try request.networks.map { try inlineModels($0, body: body) } ?? [:]
                    // Cached after this request has looked up its models, so none it names is evicted to make room.
                    defer { for m in inline.values { cache.insert(m) } }
                    timing.decode = laps.lap()
                    let lookup = Lookup(snapshot: snapshot, inline: inline, cache: cache)
                    let out = try evaluate(request, values: values.baseAddress!, rowEnds: rowEnds.baseAddress!, lookup: lookup,
                                           timing: &timing, laps: &laps)
                    timing.encode = laps.lap()
                    return (out, request.rows, timing)
                }
            }
        } catch let e as ServingError {
            throw e
        } catch {
            throw ServingError(.internalServerError, "internal error: \(error)")
        }
    }

    private func evaluate(
        _ request: InferCodec.Request, values: UnsafeMutablePointer<Float>, rowEnds: UnsafeMutablePointer<Int32>,
        lookup: Lookup, timing: inout ServerTiming, laps: inout ServerTiming.Laps
    ) throws -> ByteBuffer {
        let snapshot = lookup.snapshot
        let rows = request.rows
        guard rows > 0 else { throw ServingError.badRequest("\"inputs\" is empty: send at least one row") }
        @inline(__always) func rowStart(_ r: Int) -> Int { r == 0 ? 0 : Int(rowEnds[r - 1]) }
        @inline(__always) func rowLength(_ r: Int) -> Int { Int(rowEnds[r]) - rowStart(r) }

        if let ids = request.modelIDs {
            if request.modelID != nil { throw ServingError.badRequest("give either \"model\" or \"models\", not both") }
            guard ids.count == rows else {
                throw ServingError.badRequest("\"models\" has \(ids.count) ids but \"inputs\" has \(rows) rows: give one model id per row")
            }
            var models = [ServedModel]()
            models.reserveCapacity(rows)
            var totalOut = 0, scratch = 0
            var missing = Missing()
            for r in 0..<rows {
                guard let m = try lookup.model(ids[r], missing: &missing) else { continue }
                guard rowLength(r) == m.inputCount else {
                    throw ServingError.badRequest("row \(r) has \(rowLength(r)) values, model '\(m.id)' expects \(m.inputCount)")
                }
                models.append(m)
                totalOut += m.outputCount
                scratch = max(scratch, m.network.scratchCount)
            }
            if !missing.ids.isEmpty { throw ServingError.missingNetworks(missing.ids) }
            try checkOutputValues(totalOut)
            return try withUnsafeTemporaryAllocation(of: Float.self, capacity: totalOut + 1) { out in
                try withUnsafeTemporaryAllocation(of: Float.self, capacity: scratch) { tmp in
                    var outStart = [Int](repeating: 0, count: rows)
                    var at = 0
                    for r in 0..<rows {
                        outStart[r] = at
                        models[r].network.evaluate(inputs: values + rowStart(r), outputs: out.baseAddress! + at, scratch: tmp.baseAddress!)
                        at += models[r].outputCount
                    }
                    ServerTiming.spin(addedCompute)
                    timing.compute = laps.lap()
                    var buffer = ByteBuffer()
                    try JSONWriter.writeMatrix(rows: rows, totalValues: totalOut, into: &buffer,
                                               width: { models[$0].outputCount }, value: { out[outStart[$0] + $1] })
                    return buffer
                }
            }
        }

        let model: ServedModel
        if let id = request.modelID {
            var missing = Missing()
            guard let m = try lookup.model(id, missing: &missing) else { throw ServingError.missingNetworks(missing.ids) }
            model = m
        } else {
            guard let m = snapshot.defaultModel else {
                throw ServingError(.notFound, "no default model: name one with \"model\", upload one with PUT /v1/models/{id}, or start the server with --model FILE")
            }
            model = m
        }
        let width = model.inputCount
        for r in 0..<rows where rowLength(r) != width {
            throw ServingError.badRequest("row \(r) has \(rowLength(r)) values, model '\(model.id)' expects \(width)")
        }
        let outWidth = model.outputCount
        let (product, overflow) = rows.multipliedReportingOverflow(by: outWidth)
        try checkOutputValues(overflow ? .max : product)
        let network = model.network
        return try withUnsafeTemporaryAllocation(of: Float.self, capacity: rows * outWidth) { out in
            try withUnsafeTemporaryAllocation(of: Float.self, capacity: network.scratchCount) { tmp in
                let o = out.baseAddress!
                for r in 0..<rows {
                    network.evaluate(inputs: values + r * width, outputs: o + r * outWidth, scratch: tmp.baseAddress!)
                }
                ServerTiming.spin(addedCompute)
                timing.compute = laps.lap()
                var buffer = ByteBuffer()
                try JSONWriter.writeMatrix(rows: rows, totalValues: rows * outWidth, into: &buffer,
                                           width: { _ in outWidth }, value: { o[$0 * outWidth + $1] })
                return buffer
            }
        }
    }

    /// 413 when a response would hold more than `limits.maxOutputValues` values.
    private func checkOutputValues(_ count: Int) throws(ServingError) {
        guard count <= limits.maxOutputValues else {
            throw .overLimit("the response", count, "output values (rows × outputs)", limit: limits.maxOutputValues,
                             setting: "--max-outputs-per-request")
        }
    }

    static func unknownModel(_ id: String, _ snapshot: ModelRegistry.Snapshot) -> ServingError {
        let known = snapshot.models.keys.sorted()
        let list = known.isEmpty ? "none are loaded" : "loaded: " + known.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
            + (known.count > 5 ? " and \(known.count - 5) more" : "")
        return ServingError(.notFound, "unknown model '\(id)' (\(list))")
    }

    /// Decodes, validates and compiles networks named by content id (inline in
    /// `/infer`, or `PUT /v1/networks`), checking each against its id (a mismatch
    /// is a 400 naming both ids).
    func inlineModels(_ networks: [(id: String, range: Range<Int>)], body: ByteBuffer) throws(ServingError) -> [String: ServedModel] {
        var models = [String: ServedModel]()
        for (id, range) in networks {
            let genome = try body.withUnsafeReadableBytes { raw throws(ServingError) in
                try decoder.genome(id: id, json: UnsafeRawBufferPointer(rebasing: raw[range]), limits: limits.network)
            }
            let actual = genome.contentID
            guard actual == id else {
                throw .badRequest("network '\(id)' in \"networks\" does not match its id: its canonical encoding hashes to '\(actual)'")
            }
            let model = try ServedModel(id: id, genome: genome)
            models[id] = model
        }
        return models
    }

    /// Content ids a request names that the server lacks, each once, in request order.
    struct Missing {
        var ids: [String] = []
        var seen: Set<String> = []
    }

    /// Where a request's model ids are looked up: uploaded models, then its inline
    /// networks and the cache (content ids only).
    struct Lookup {
        let snapshot: ModelRegistry.Snapshot
        let inline: [String: ServedModel]
        let cache: ModelCache

        /// The model for `id`; nil (with `id` added to `missing` once) for an
        /// absent content id; a 404 for any other unknown id.
        func model(_ id: String, missing: inout Missing) throws(ServingError) -> ServedModel? {
            if let m = snapshot.models[id] { return m }
            guard Genome.isContentID(id) else { throw InferEndpoint.unknownModel(id, snapshot) }
            if let m = inline[id] ?? cache.model(id) { return m }
            if missing.seen.insert(id).inserted { missing.ids.append(id) }
            return nil
        }
    }
}
