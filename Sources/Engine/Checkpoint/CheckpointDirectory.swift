#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A directory of checkpoints named `checkpoint-GENERATION.json`, written atomically
/// and pruned to the newest `keep`.
///
/// A write goes to a temporary file in the same directory (`.checkpoint-G.json.tmp`),
/// is flushed to disk (fdatasync), renamed over its final name and the directory is
/// flushed too: a reader, or a process restarted after `kill -9` or a power cut, sees
/// either the complete new file or none at all, never part of one. Temporary files
/// left by a killed writer are never read, and are removed by the next write.
public struct CheckpointDirectory: Sendable {
    public let path: String
    /// How many checkpoints to keep (the newest; at least 1).
    public let keep: Int
    /// Called between the flushed temporary file and the rename (a crash there must
    /// leave the previous checkpoint in place). For tests of exactly that crash.
    public var beforeRename: (@Sendable (String) -> Void)?

    public init(path: String, keep: Int = 3) {
        self.path = path
        self.keep = max(1, keep)
    }

    /// The file name of generation `generation`'s checkpoint.
    public static func fileName(generation: Int) -> String { "checkpoint-\(generation).json" }

    /// Creates the directory (and its parents) when missing.
    public func create() throws(CheckpointError) {
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw CheckpointError("\(path): cannot create the checkpoint directory (\(error.localizedDescription))")
        }
    }

    /// Writes `checkpoint` atomically, then removes all but the newest `keep`. Returns its path.
    @discardableResult
    public func write(_ checkpoint: Checkpoint) throws(CheckpointError) -> String {
        var writer = CheckpointJSONWriter()
        // `abandon` never says yes, so there is always a path.
        return try write(checkpoint, encodingWith: &writer, unless: { false })!
    }

    /// `write(_:)` encoding into `writer`'s buffer (which the caller keeps for the next one),
    /// given up (nil, nothing written) when `abandon` says so while the checkpoint is encoded
    /// (it is asked between genomes, and once more before the file is created): the writer
    /// thread hands the work to a thread waiting for it.
    func write(_ checkpoint: Checkpoint, encodingWith writer: inout CheckpointJSONWriter,
               unless abandon: () -> Bool) throws(CheckpointError) -> String? {
        do { try writer.encode(checkpoint, unless: abandon) } catch is CheckpointJSONWriter.Abandoned { return nil } catch {
            throw CheckpointError("\(path): cannot encode the checkpoint: \(error)")
        }
        if abandon() { return nil }
        let final = path + "/" + Self.fileName(generation: checkpoint.generation)
        let temporary = path + "/." + Self.fileName(generation: checkpoint.generation) + ".tmp"
        try writer.withBytes { bytes throws(CheckpointError) in try Self.writeFlushed(bytes, to: temporary) }
        beforeRename?(temporary)
        guard rename(temporary, final) == 0 else {
            let problem = String(cString: strerror(errno))
            unlink(temporary)
            throw CheckpointError("\(final): cannot rename the written checkpoint into place (\(problem))")
        }
        try flushDirectory()
        prune()
        return final
    }

    /// Writes `bytes` to a new file at `file` and flushes it to disk.
    ///
    /// `fdatasync`, not `fsync`: for a file just created and written it flushes the data and
    /// the metadata needed to read it back (its size and block allocation), and leaves out
    /// only timestamps. So after the rename and the directory's fsync a crash still leaves
    /// either the whole new file or none.
    static func writeFlushed(_ bytes: UnsafeRawBufferPointer, to file: String) throws(CheckpointError) {
        let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CheckpointError("\(file): cannot create (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        var failure: String? = nil
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                break
            }
            done += n
        }
        if failure == nil && fdatasync(fd) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(file)
            throw CheckpointError("\(file): cannot write the checkpoint (\(failure))")
        }
    }

    /// fsyncs the directory, so that the rename itself survives a power cut.
    private func flushDirectory() throws(CheckpointError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw CheckpointError("\(path): cannot open the directory to flush it (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw CheckpointError("\(path): cannot flush the directory (\(String(cString: strerror(errno))))") }
    }

    /// The checkpoint files present, by generation (oldest first).
    public func files() -> [(generation: Int, path: String)] {
        Self.checkpointFiles((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [], in: path)
    }

    /// The checkpoint files among the directory entries `names`, by generation (oldest first).
    private static func checkpointFiles(_ names: [String], in path: String) -> [(generation: Int, path: String)] {
        names.compactMap { name -> (Int, String)? in
            guard name.hasPrefix("checkpoint-"), name.hasSuffix(".json"),
                  let g = Int(name.dropFirst("checkpoint-".count).dropLast(".json".count)), g >= 0 else { return nil }
            return (g, path + "/" + name)
        }.sorted { $0.0 < $1.0 }
    }

    /// Removes every checkpoint of the directory.
    public func removeAll() {
        for f in files() { unlink(f.path) }
    }

    /// Removes all but the newest `keep` checkpoints, and temporary files of killed writers
    /// (one listing of the directory).
    private func prune() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for old in Self.checkpointFiles(names, in: path).dropLast(keep) { unlink(old.path) }
        for name in names where name.hasPrefix(".checkpoint-") && name.hasSuffix(".json.tmp") { unlink(path + "/" + name) }
    }

    /// The newest checkpoint of `directory` that reads and checks, for `task`. Invalid
    /// newer files are skipped and reported through `skipped` (their path and problem);
    /// nil when the directory holds no checkpoint file at all.
    public static func newestValid(in directory: String, task: String?,
                                   skipped: (CheckpointError) -> Void = { _ in }) throws(CheckpointError) -> Checkpoint? {
        let candidates = CheckpointDirectory(path: directory).files()
        if candidates.isEmpty { return nil }
        var problems = [CheckpointError]()
        for c in candidates.reversed() {
            do { return try Checkpoint.read(path: c.path, task: task) } catch {
                problems.append(error)
                skipped(error)
            }
        }
        throw CheckpointError("\(directory): none of its \(candidates.count) checkpoints can be resumed: "
                              + problems.map(\.description).joined(separator: "; "))
    }

    /// The checkpoint `path` names: a file, or a directory meaning its newest valid one.
    /// nil for a directory without checkpoints (nothing to resume: start from the beginning).
    public static func resolve(_ path: String, task: String?, skipped: (CheckpointError) -> Void = { _ in }) throws(CheckpointError) -> Checkpoint? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CheckpointError("\(path): no such checkpoint file or directory")
        }
        if isDirectory.boolValue { return try newestValid(in: path, task: task, skipped: skipped) }
        return try Checkpoint.read(path: path, task: task)
    }
}
