import CEngineSupport

/// The calling thread's name and kernel id, as /proc shows them.
public enum CurrentThread {
    /// Names the calling thread (at most 15 bytes are kept).
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
}
