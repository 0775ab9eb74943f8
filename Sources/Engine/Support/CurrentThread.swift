import CEngineSupport

/// The calling thread's name and kernel id, as /proc shows them.
public enum CurrentThread {
    /// Names the calling thread. The kernel keeps 15 bytes; the whole name (up to 63
    /// bytes) is remembered for `namesSet()`.
    public static func setName(_ name: String) {
        _ = name.withCString { cengine_set_thread_name($0) }
    }

    /// The kernel thread id (the `tid` in /proc/<pid>/task/<tid>).
    public static var id: Int32 { cengine_gettid() }

    /// Sets the calling thread's nice value (0 normal, up to 19 lowest): on Linux
    /// each thread has its own, so background work can yield to latency-critical
    /// threads of the same process. Returns false if the kernel refused.
    @discardableResult
    public static func setNice(_ nice: Int32) -> Bool { cengine_set_thread_nice(nice) == 0 }

    /// Gives the calling thread the lowest priority Linux has: the SCHED_IDLE policy, under
    /// which it runs only when a core would otherwise be idle (it still gets a sliver, so it
    /// never starves). Nice 19 is not that: on cores busy with normal threads it still takes
    /// a weighted share (15 against 1024 each, and more at wake-up). Falls back to nice 19
    /// where the kernel refuses SCHED_IDLE. Returns false if both were refused.
    @discardableResult
    public static func setIdlePriority() -> Bool {
        let niced = setNice(19)
        return cengine_set_thread_idle() == 0 || niced
    }

    /// Whether the calling thread runs under SCHED_IDLE.
    public static var hasIdlePolicy: Bool { cengine_thread_policy_is_idle() == 1 }

    /// Whole names this process gave its threads (through `setName` or the worker
    /// pools), by thread id: /proc's `comm` is cut at 15 bytes, this is not.
    public static func namesSet() -> [Int32: String] {
        let capacity = 256, width = Int(CENGINE_THREAD_NAME_BYTES)
        var tids = [Int32](repeating: 0, count: capacity)
        var bytes = [CChar](repeating: 0, count: capacity * width)
        let n = Int(cengine_thread_names(&tids, &bytes, Int32(capacity)))
        var out: [Int32: String] = [:]
        for i in 0..<n {
            let slice = bytes[(i * width)..<((i + 1) * width)]
            let end = slice.firstIndex(of: 0) ?? slice.endIndex
            out[tids[i]] = String(decoding: slice[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return out
    }
}
