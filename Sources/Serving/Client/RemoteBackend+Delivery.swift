import Engine
import Foundation
import NIOCore
import Wire

extension RemoteBackend {
    /// Makes the generation's models the ones sessions ask for, the way the
    /// server takes them (`ResolvedProtocol.delivery`): content ids computed
    /// (nothing sent until a server asks: `ContentModels`), one `PUT /v1/population`,
    /// v2 loads with the file inline, or files written to the repository folder
    /// then loaded. Loads go `concurrency` at a time, with retries; the
    /// previous generation's models are unloaded (and their folders removed).
    /// The time and bytes are recorded as one upload.
    ///
    /// - Throws: `RemoteError` if encoding, writing or loading fails (after retries).
    public func loadGeneration(_ models: GenerationModels) throws {
        let resolved = try resolvedProtocol()
        let prefix = "g\(models.generation)-"
        let start = clock.nanoseconds()
        var bytes = 0
        // The statistics' last window of the generation played closes before its models may go.
        if resolved.api == .v2 { statistics.generationEnding() }
        do {
            switch resolved.delivery {
            case .contentAddressed:
                bytes = try nameByContent(models)
            case .auto, .population:
                bytes = try uploadPopulation(models, prefix: prefix)
            case .v2Load(let format):
                bytes = try loadInline(models, prefix: prefix, format: format)
            case .repository(let directory, let layout):
                bytes = try loadFromRepository(models, prefix: prefix, directory: directory, layout: layout)
            }
        } catch {
            let e = error
            reportUpload(models: models.count, bytes: bytes, nanos: clock.nanoseconds() &- start, error: e)
            throw e
        }
        let nanos = clock.nanoseconds() &- start
        reportUpload(models: models.count, bytes: bytes, nanos: nanos, error: nil)
        state.withLock { $0.modelPrefix = prefix }
        if resolved.api == .v2 { statistics.generationLoaded(names: (0..<models.count).map { prefix + String($0) }) }
        logger.debug("delivered generation", metadata: [
            "generation": "\(models.generation)", "models": "\(models.count)", "bytes": "\(bytes)",
            "ms": "\(Double(nanos) / 1e6)", "delivery": "\(resolved.delivery)",
        ])
    }

    /// Computes the generation's content ids (encoding only networks the previous
    /// generation did not have) and sends the networks this client never sent with
    /// `PUT /v1/networks`, in bodies of at most 4 MiB; returns the bytes sent. A
    /// replica behind a load balancer that did not get them asks (`missing`). If
    /// the upload fails, requests carry those networks instead (logged, not fatal).
    private func nameByContent(_ models: GenerationModels) throws(RemoteError) -> Int {
        let kind = try serverKind()
        let previous = state.withLock { $0.content }
        let content = try ContentModels.build(models.genomes, previous: previous) { genome, i throws(RemoteError) in
            do {
                return Array(try modelEncoder.encode(genome, kind).utf8)
            } catch {
                throw .client("cannot encode genome \(genome.id) (index \(i)) of generation \(models.generation) for the \(kind) server: \(error)")
            }
        }
        state.withLock { $0.content = content }
        let fresh = content.claimAllUnsent()
        var requests = [ControlRequest]()
        var body = ByteBuffer(), bytes = 0
        func flush() {
            guard body.readableBytes > 0 else { return }
            body.writeStaticString("}}")
            bytes += body.readableBytes
            requests.append(ControlRequest(method: "PUT", path: "/v1/networks", body: body))
            body = ByteBuffer()
        }
        for id in fresh {
            let doc = content.documents[id]!
            if body.readableBytes > 0 && body.readableBytes + doc.count > 4 << 20 { flush() }
            body.writeStaticString(body.readableBytes == 0 ? "{\"networks\":{\"" : ",\"")
            body.writeString(id)
            body.writeStaticString("\":")
            body.writeBytes(doc)
        }
        flush()
        do {
            _ = try perform(requests, inFlight: configuration.concurrency)
        } catch {
            content.unclaim(fresh)
            logger.warning("PUT /v1/networks failed: the requests will carry the networks instead", metadata: ["error": "\(error)"])
            stats.uploadFailed(error)
        }
        return bytes
    }

    /// `PUT /v1/population` with every model; returns the body's size.
    private func uploadPopulation(_ models: GenerationModels, prefix: String) throws(RemoteError) -> Int {
        let kind = try serverKind()
        var body = ByteBuffer()
        body.writeStaticString("{\"models\":{")
        for (i, genome) in models.genomes.enumerated() {
            let json: String
            do {
                json = try modelEncoder.encode(genome, kind)
            } catch {
                throw .client("cannot encode genome \(genome.id) (index \(i)) of generation \(models.generation) for the \(kind) server: \(error)")
            }
            if i > 0 { body.writeStaticString(",") }
            body.writeStaticString("\"")
            body.writeString(prefix)
            InferRequestEncoder.writeDecimal(i, into: &body)
            body.writeStaticString("\":")
            body.writeString(json)
        }
        body.writeStaticString("}}")
        _ = try perform(ControlRequest(method: "PUT", path: "/v1/population", body: body))
        return body.readableBytes
    }

    /// One `POST /v2/repository/models/{name}/load` per model with the file
    /// inline (`{"parameters": {"config": "...", "file:1/model.onnx": "<base64>"}}`).
    private func loadInline(_ models: GenerationModels, prefix: String, format: ModelFileFormat) throws(RemoteError) -> Int {
        var requests = [ControlRequest]()
        var bytes = 0
        for (i, genome) in models.genomes.enumerated() {
            let name = prefix + String(i)
            let file = try modelFile(genome, index: i, generation: models.generation, format: format)
            var body = ByteBuffer()
            body.writeStaticString("{\"parameters\":{\"config\":")
            JSONWriter.writeString(V2ModelConfig.json(name: name, format: format), into: &body)
            body.writeStaticString(",\"file:")
            body.writeString(format.fileName)
            body.writeStaticString("\":\"")
            body.writeString(Data(file).base64EncodedString())
            body.writeStaticString("\"}}")
            bytes += body.readableBytes
            requests.append(ControlRequest(method: "POST", path: "/v2/repository/models/\(HTTPRequestHead.pathSegment(name))/load", body: body))
        }
        try performLoads(requests, names: (0..<models.count).map { prefix + String($0) })
        try unloadPrevious(keeping: models.count, prefix: prefix, removingFrom: nil)
        return bytes
    }

    /// Writes every model under `directory` in the server's layout, then loads each by name.
    private func loadFromRepository(_ models: GenerationModels, prefix: String, directory: String,
                                    layout: RepositoryLayout) throws(RemoteError) -> Int {
        let writer = ModelRepositoryWriter(directory: directory, layout: layout,
                                           inputName: configuration.v2InputName, outputName: configuration.v2OutputName)
        var bytes = 0
        var requests = [ControlRequest]()
        for (i, genome) in models.genomes.enumerated() {
            let name = prefix + String(i)
            let file = try modelFile(genome, index: i, generation: models.generation, format: .onnx)
            bytes += try writer.write(name: name, onnx: file, inputs: genome.numInputs, outputs: genome.numOutputs)
            var body = ByteBuffer()
            body.writeStaticString("{}")
            requests.append(ControlRequest(method: "POST", path: "/v2/repository/models/\(HTTPRequestHead.pathSegment(name))/load", body: body))
        }
        try performLoads(requests, names: (0..<models.count).map { prefix + String($0) })
        try unloadPrevious(keeping: models.count, prefix: prefix, removingFrom: writer)
        return bytes
    }

    /// Sends the loads `concurrency` at a time. When one fails, some of the others
    /// may have loaded: their names are remembered, so the next delivered generation
    /// unloads them with the replaced one (an unload of a model that never loaded
    /// is a 404, which is fine).
    private func performLoads(_ requests: [ControlRequest], names: [String]) throws(RemoteError) {
        do {
            _ = try perform(requests, inFlight: configuration.concurrency)
        } catch {
            state.withLock { s in s.loadedNames += names.filter { !s.loadedNames.contains($0) } }
            throw error
        }
    }

    private func modelFile(_ genome: Genome, index: Int, generation: Int, format: ModelFileFormat) throws(RemoteError) -> [UInt8] {
        do {
            return try modelEncoder.file(genome, format)
        } catch {
            throw .client("cannot encode genome \(genome.id) (index \(index)) of generation \(generation) as \(format.fileName): \(error)")
        }
    }

    /// Unloads the models of the replaced generation (`concurrency` at a time) and
    /// removes their folders; remembers this generation's names. An unload the
    /// server refuses is counted and logged, not fatal: the new models are loaded.
    private func unloadPrevious(keeping count: Int, prefix: String, removingFrom writer: ModelRepositoryWriter?) throws(RemoteError) {
        let names = (0..<count).map { prefix + String($0) }
        let old = state.withLock { s -> [String] in
            defer { s.loadedNames = names }
            return s.loadedNames.filter { !names.contains($0) }
        }
        if old.isEmpty { return }
        var requests = [ControlRequest]()
        for name in old {
            var body = ByteBuffer()
            body.writeStaticString("{}")
            requests.append(ControlRequest(method: "POST", path: "/v2/repository/models/\(HTTPRequestHead.pathSegment(name))/unload",
                                           body: body, acceptAnyStatus: true))
        }
        let answers = try perform(requests, inFlight: configuration.concurrency)
        for (name, answer) in zip(old, answers) where !(200..<300).contains(answer.status) && answer.status != 404 {
            let e = RemoteError.status(endpoint: "POST \(baseURL)/v2/repository/models/\(name)/unload", code: answer.status,
                                       message: JSONField.errorMessage(in: answer.body))
            stats.unloadFailed(e)
            logger.warning("unload failed", metadata: ["error": "\(e)"])
        }
        if let writer {
            for name in old { writer.remove(name: name) }
        }
    }
}
