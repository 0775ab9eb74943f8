import Foundation
import NIOCore
import Synchronization

/// Reads the body of `PUT /v1/population`:
/// `{"models": {"ID": <neat-python network JSON>, ...}, "default": "ID"}`
/// (`"default"` optional). Each network is decoded and compiled before anything
/// is replaced, so a bad upload leaves the previous population serving.
enum PopulationUpload {
    static func parse(_ body: ByteBuffer, decoder: ModelDecoder) throws -> (models: [ServedModel], defaultID: String?) {
        guard body.readableBytes > 0 else { throw ServingError.badRequest("empty body: send {\"models\": {\"ID\": <network>, ...}}") }
        let (pieces, defaultID) = try body.withUnsafeReadableBytes { raw throws(ServingError) in try split(raw) }
        return (try build(pieces, decoder: decoder), defaultID)
    }

    /// Decodes and compiles every model, on up to `threads` threads at once
    /// (the caller's and `threads - 1` of Dispatch's). The models come back in body
    /// order; if several are bad, the error is the first one's in body order, as
    /// if they had been built one after another.
    static func build(_ pieces: [(String, [UInt8])], decoder: ModelDecoder,
                      threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws(ServingError) -> [ServedModel] {
        let count = pieces.count
        let lanes = max(1, min(threads, count / 8))  // small uploads: not worth a thread hop
        if lanes == 1 {
            var models = [ServedModel]()
            models.reserveCapacity(count)
            for (id, json) in pieces {
                models.append(try ServedModel(id: id, genome: decoder.genome(id: id, json: json), fromPopulation: true))
            }
            return models
        }
        let results = Mutex([Result<ServedModel, ServingError>?](repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            var mine = [(Int, Result<ServedModel, ServingError>)]()
            var i = lane
            while i < count {
                let (id, json) = pieces[i]
                mine.append((i, Result { () throws(ServingError) in
                    try ServedModel(id: id, genome: decoder.genome(id: id, json: json), fromPopulation: true)
                }))
                i += lanes
            }
            results.withLock { all in for (i, r) in mine { all[i] = r } }
        }
        return try results.withLock { all throws(ServingError) in
            var models = [ServedModel]()
            models.reserveCapacity(count)
            for r in all { models.append(try r!.get()) }
            return models
        }
    }

    /// The raw JSON bytes of each model, in body order.
    static func split(_ raw: UnsafeRawBufferPointer) throws(ServingError) -> ([(String, [UInt8])], String?) {
        var s = JSONScanner(raw)
        var pieces = [(String, [UInt8])]()
        var seen = Set<String>()
        var defaultID: String?
        var sawModels = false
        try s.expect(UInt8(ascii: "{"), "'{' (the body must be {\"models\": {\"ID\": <network>, ...}})")
        if s.peek() == UInt8(ascii: "}") { s.index += 1 } else {
            repeat {
                let keyOffset = s.index
                let key = try s.readString()
                try s.expect(UInt8(ascii: ":"), "':' after an object key")
                switch key {
                case "models":
                    sawModels = true
                    try s.expect(UInt8(ascii: "{"), "'{' (\"models\" maps each model id to its network)")
                    if s.peek() == UInt8(ascii: "}") { s.index += 1; continue }
                    repeat {
                        let idOffset = s.index
                        let id = try s.readString()
                        guard seen.insert(id).inserted else { throw .badRequest("model id '\(id)' appears twice (byte \(idOffset))") }
                        try s.expect(UInt8(ascii: ":"), "':' after a model id")
                        s.skipWhitespace()
                        let start = s.index
                        try s.skipValue()
                        pieces.append((id, Array(UnsafeRawBufferPointer(rebasing: raw[start..<s.index]))))
                    } while try s.nextElement(close: UInt8(ascii: "}"), in: "\"models\"")
                case "default":
                    if !s.skipNull() { defaultID = try s.readString() }
                default:
                    throw .badRequest("unknown key \"\(key)\" at byte \(keyOffset): expected \"models\" or \"default\"")
                }
            } while try s.nextElement(close: UInt8(ascii: "}"), in: "the population object")
        }
        try s.expectEnd()
        guard sawModels else { throw .badRequest("missing key \"models\": send {\"models\": {\"ID\": <network>, ...}}") }
        return (pieces, defaultID)
    }
}
