import Foundation
import Testing
@testable import Engine

@Suite struct CheckpointDirectoryTests {
    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "checkpoint-tests-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func checkpoint(generations: Int) -> Checkpoint { CheckpointTests.checkpoint(generations: generations) }

    @Test func keepsTheNewestK() throws {
        let dir = CheckpointDirectory(path: Self.temporaryDirectory(), keep: 2)
        for g in 1...5 { try dir.write(Self.checkpoint(generations: g)) }
        #expect(dir.files().map(\.generation) == [4, 5])
        let newest = try CheckpointDirectory.newestValid(in: dir.path, task: "xor")
        #expect(newest?.generation == 5)
    }

    /// A write that never reached its rename (killed, or a full disk) leaves only a
    /// temporary file: readers ignore it, the previous checkpoint stays the newest, and
    /// the next write removes it.
    @Test func anUnfinishedWriteLeavesThePreviousCheckpoint() throws {
        let dir = CheckpointDirectory(path: Self.temporaryDirectory(), keep: 3)
        try dir.write(Self.checkpoint(generations: 2))
        let full = try Self.checkpoint(generations: 3).encoded()
        let temporary = dir.path + "/." + CheckpointDirectory.fileName(generation: 3) + ".tmp"
        try full.prefix(full.count / 2).write(to: URL(fileURLWithPath: temporary))
        #expect(try CheckpointDirectory.newestValid(in: dir.path, task: "xor")?.generation == 2)
        try dir.write(Self.checkpoint(generations: 4))
        #expect(!FileManager.default.fileExists(atPath: temporary))
    }

    @Test func theHookSeesTheCompleteTemporaryFileBeforeTheRename() throws {
        var dir = CheckpointDirectory(path: Self.temporaryDirectory(), keep: 3)
        let seen = Locked<[String]>([])
        dir.beforeRename = { path in
            let finalExists = FileManager.default.fileExists(atPath: path.replacingOccurrences(of: "/.checkpoint-", with: "/checkpoint-")
                .replacingOccurrences(of: ".tmp", with: ""))
            let complete = (try? Checkpoint.read(path: path, task: "xor")) != nil
            seen.withLock { $0.append("\(finalExists) \(complete)") }
        }
        try dir.write(Self.checkpoint(generations: 1))
        #expect(seen.withLock { $0 } == ["false true"])
    }

    /// A directory whose newest checkpoint is damaged resumes from the one before it,
    /// and says which file it skipped and why.
    @Test func skipsADamagedNewestCheckpoint() throws {
        let dir = CheckpointDirectory(path: Self.temporaryDirectory(), keep: 3)
        try dir.write(Self.checkpoint(generations: 1))
        let newest = try dir.write(Self.checkpoint(generations: 2))
        let data = try Data(contentsOf: URL(fileURLWithPath: newest))
        try data.prefix(100).write(to: URL(fileURLWithPath: newest))
        var skipped = [String]()
        let c = try CheckpointDirectory.newestValid(in: dir.path, task: "xor") { skipped.append($0.description) }
        #expect(c?.generation == 1)
        #expect(skipped.count == 1 && skipped[0].hasPrefix(newest))
    }

    @Test func refusesADirectoryWithoutAValidCheckpoint() throws {
        let dir = CheckpointDirectory(path: Self.temporaryDirectory(), keep: 3)
        #expect(try CheckpointDirectory.newestValid(in: dir.path, task: "xor") == nil)
        try dir.write(Self.checkpoint(generations: 1))
        let error = try #require(throws: CheckpointError.self) { try CheckpointDirectory.resolve(dir.path, task: "duel") }
        #expect(error.description.contains("none of its 1 checkpoints"))
        #expect(error.description.contains("not of duel"))
        #expect(throws: CheckpointError.self) { try CheckpointDirectory.resolve(dir.path + "/missing", task: "xor") }
    }
}

@Suite struct CheckpointWriterTests {
    /// Checkpoints handed to the writer are on disk, in order, once `drain()` returns (a
    /// waiting one may be superseded by a newer one, never the newest); a failure is
    /// reported with its checkpoint.
    @Test func writesInOrderAndTheNewestByTheTimeItDrains() throws {
        let dir = CheckpointDirectory(path: CheckpointDirectoryTests.temporaryDirectory(), keep: 10)
        let written = Locked<[Int]>([])
        let writer = CheckpointWriter(directory: dir, written: { c in written.withLock { $0.append(c.generation) } },
                                      failed: { _, e in Issue.record("unexpected failure: \(e)") })
        for g in 1...5 { writer.submit(CheckpointDirectoryTests.checkpoint(generations: g)) }
        writer.drain()
        let generations = written.withLock { $0 }
        #expect(generations == generations.sorted() && generations.last == 5)
        #expect(generations.count + writer.superseded == 5)
        #expect(dir.files().map(\.generation) == generations)
        writer.removeAll()
        #expect(dir.files().isEmpty)

        let failures = Locked<[String]>([])
        let broken = CheckpointWriter(directory: CheckpointDirectory(path: dir.path + "/missing/deeper"),
                                      failed: { c, e in failures.withLock { $0.append("\(c.generation): \(e)") } })
        broken.submit(CheckpointDirectoryTests.checkpoint(generations: 2))
        broken.drain()
        #expect(failures.withLock { $0 }.count == 1)
        #expect(failures.withLock { $0 }.first?.contains("missing/deeper") == true)
    }

    /// The writer thread runs under SCHED_IDLE: it only takes a core the other threads leave idle.
    @Test func theWriterThreadHasTheIdlePolicy() throws {
        let dir = CheckpointDirectory(path: CheckpointDirectoryTests.temporaryDirectory())
        let idle = Locked<[Bool]>([])
        let done = DispatchSemaphore(value: 0)
        let writer = CheckpointWriter(directory: dir, written: { _ in idle.withLock { $0.append(CurrentThread.hasIdlePolicy) }; done.signal() },
                                      failed: { _, e in Issue.record("unexpected failure: \(e)") })
        writer.submit(CheckpointDirectoryTests.checkpoint(generations: 1))
        #expect(done.wait(timeout: .now() + 60) == .success)
        #expect(idle.withLock { $0 } == [true])
        #expect(!CurrentThread.hasIdlePolicy)
    }

    /// A writer in a new directory (keeping 10) whose thread holds generation 1's checkpoint,
    /// handed over, before encoding it until `gate` is signalled; `writtenBy` lists what was
    /// written and by which thread.
    static func writerHeldAtTheFirstCheckpoint(maxLag: Duration = .seconds(10)) throws
        -> (CheckpointWriter, CheckpointDirectory, Locked<[(generation: Int, thread: Int32)]>, DispatchSemaphore) {
        let dir = CheckpointDirectory(path: CheckpointDirectoryTests.temporaryDirectory(), keep: 10)
        let held = DispatchSemaphore(value: 0), gate = DispatchSemaphore(value: 0)
        let first = Locked(true)
        let writtenBy = Locked<[(generation: Int, thread: Int32)]>([])
        let writer = CheckpointWriter(directory: dir, maxLag: maxLag,
                                      written: { c in writtenBy.withLock { $0.append((c.generation, CurrentThread.id)) } },
                                      failed: { _, e in Issue.record("unexpected failure: \(e)") },
                                      willEncode: { _ in
                                          guard first.withLock({ f in defer { f = false }; return f }) else { return }
                                          held.signal()
                                          gate.wait()
                                      })
        writer.submit(CheckpointDirectoryTests.checkpoint(generations: 1))
        try #require(held.wait(timeout: .now() + 60) == .success)
        return (writer, dir, writtenBy, gate)
    }

    /// A thread that drains writes the rest itself, at its own priority: the writer thread
    /// gives back the checkpoint it was about to encode, and the drainer writes it, or the
    /// newer one waiting behind it (then the one given back is superseded).
    @Test(arguments: [false, true])
    func theDrainingThreadWritesWhatTheWriterThreadGivesBack(newerWaiting: Bool) throws {
        let (writer, dir, writtenBy, gate) = try Self.writerHeldAtTheFirstCheckpoint()
        let drained = DispatchSemaphore(value: 0)
        let drainer = Locked<Int32>(0)
        if newerWaiting { writer.submit(CheckpointDirectoryTests.checkpoint(generations: 2)) }
        Thread {
            drainer.withLock { $0 = CurrentThread.id }
            writer.drain()
            drained.signal()
        }.start()
        let deadline = Date().addingTimeInterval(60)
        while !writer.hasWaiters && Date() < deadline { usleep(1000) }
        gate.signal()
        #expect(drained.wait(timeout: .now() + 60) == .success)
        let expected = newerWaiting ? 2 : 1
        #expect(writtenBy.withLock { $0.map(\.generation) } == [expected])
        #expect(writtenBy.withLock { $0.first?.thread } == drainer.withLock { $0 })
        #expect(writer.superseded == (newerWaiting ? 1 : 0))
        #expect(dir.files().map(\.generation) == [expected])
    }

    /// A starved writer thread (held here before it encodes) leaves a checkpoint unwritten:
    /// once that is older than `maxLag`, the next handover writes on the handing thread, so
    /// a checkpoint is never far behind however busy the machine. Within `maxLag` the
    /// handover returns at once and the write waits for the writer thread.
    @Test(arguments: [false, true])
    func aHandoverWritesItselfOnceTheWriterLagsTooFar(lagged: Bool) throws {
        let (writer, dir, writtenBy, gate) = try Self.writerHeldAtTheFirstCheckpoint(maxLag: lagged ? .milliseconds(100) : .seconds(600))
        let handedOver = DispatchSemaphore(value: 0)
        let handing = Locked<Int32>(0)
        usleep(200_000)
        Thread {
            handing.withLock { $0 = CurrentThread.id }
            writer.submit(CheckpointDirectoryTests.checkpoint(generations: 2))
            handedOver.signal()
        }.start()
        if lagged {
            let deadline = Date().addingTimeInterval(60)
            while !writer.hasWaiters && Date() < deadline { usleep(1000) }
            gate.signal()
            #expect(handedOver.wait(timeout: .now() + 60) == .success)
            // Generation 2 is on disk when the handover returns, written by the handing thread.
            #expect(dir.files().map(\.generation) == [2])
            #expect(writtenBy.withLock { $0.map(\.generation) } == [2])
            #expect(writtenBy.withLock { $0.first?.thread } == handing.withLock { $0 })
            #expect(writer.superseded == 1)
        } else {
            #expect(handedOver.wait(timeout: .now() + 60) == .success)
            #expect(!writer.hasWaiters)
            #expect(dir.files().isEmpty, "the handover returned without writing: the writer thread is still held")
            gate.signal()
            writer.drain()
            // Generation 1 is written, or given back to the drain and superseded by 2.
            #expect(writtenBy.withLock { $0.last?.generation } == 2)
        }
    }

    /// While one checkpoint is being written, the newest handed over replaces those
    /// waiting behind it: training never waits for the disk, and the newest is written.
    @Test func aWaitingCheckpointIsSupersededByANewerOne() throws {
        var dir = CheckpointDirectory(path: CheckpointDirectoryTests.temporaryDirectory(), keep: 10)
        let inWrite = DispatchSemaphore(value: 0), gate = DispatchSemaphore(value: 0)
        let first = Locked(true)
        dir.beforeRename = { _ in
            guard first.withLock({ f in defer { f = false }; return f }) else { return }
            inWrite.signal()
            gate.wait()
        }
        let written = Locked<[Int]>([])
        let writer = CheckpointWriter(directory: dir, written: { c in written.withLock { $0.append(c.generation) } },
                                      failed: { _, e in Issue.record("unexpected failure: \(e)") })
        writer.submit(CheckpointDirectoryTests.checkpoint(generations: 1))
        #expect(inWrite.wait(timeout: .now() + 30) == .success)
        for g in 2...4 { writer.submit(CheckpointDirectoryTests.checkpoint(generations: g)) }
        gate.signal()
        writer.drain()
        #expect(written.withLock { $0 } == [1, 4])
        #expect(writer.superseded == 2)
        #expect(dir.files().map(\.generation) == [1, 4])
    }
}
