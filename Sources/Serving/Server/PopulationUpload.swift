import Engine
import Foundation
import NIOCore
import Synchronization
import Wire

/// Builds the models of a `PUT /v1/population` body (split by `PopulationDocument`).
///
/// Each network is decoded, validated and compiled before anything is replaced,
/// so a bad upload leaves the previous population serving.
enum PopulationUpload {
    /// Decodes and compiles every model, on up to `threads` threads at once
    /// (the caller's and `threads - 1` of Dispatch's). The models come back in body
    /// order; if several are bad, the error is the first one's in body order, as
    /// if they had been built one after another.
    static func build(_ document: PopulationDocument, body: ByteBuffer, decoder: ModelDecoder, limits: NetworkLimits,
                      threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws(ServingError) -> [ServedModel] {
        let pieces = document.models
        let count = pieces.count
        let lanes = max(1, min(threads, count / 8))  // small uploads: not worth a thread hop
        return try body.withUnsafeReadableBytes { raw throws(ServingError) -> [ServedModel] in
            let bytes = SharedBytes(raw: raw)
            @Sendable func make(_ i: Int) throws(ServingError) -> ServedModel {
                let (id, range) = pieces[i]
                let genome = try decoder.genome(id: id, json: UnsafeRawBufferPointer(rebasing: bytes.raw[range]), limits: limits)
                return try ServedModel(id: id, genome: genome, fromPopulation: true)
            }
            if lanes == 1 {
                var models = [ServedModel]()
                models.reserveCapacity(count)
                for i in 0..<count { models.append(try make(i)) }
                return models
            }
            let results = Locked([Result<ServedModel, ServingError>?](repeating: nil, count: count))
            DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                // Dispatch's threads decode at the work pool's priority too, below the event loops.
                CurrentThread.setNice(WorkPool.nice)
                var mine = [(Int, Result<ServedModel, ServingError>)]()
                var i = lane
                while i < count {
                    mine.append((i, Result { () throws(ServingError) in try make(i) }))
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
    }
}

/// The upload's bytes, read by every lane of `build`.
///
/// `@unchecked Sendable`: the lanes only read the bytes, and the buffer they
/// point into outlives them all (`concurrentPerform` returns when every lane is
/// done, inside the body's `withUnsafeReadableBytes`).
private struct SharedBytes: @unchecked Sendable {
    let raw: UnsafeRawBufferPointer
}
