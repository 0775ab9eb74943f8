import CEngineSupport

/// The calling thread's name and kernel id, as /proc shows them.
public enum CurrentThread {
    /// Names the calling thread (at most 15 bytes are kept).
    public static func setName(_ name: String) {
        _ = name.withCString { cengine_set_thread_name($0) }
    }

    /// The kernel thread id (the `tid` in /proc/<pid>/task/<tid>).
    public static var id: Int32 { cengine_gettid() }
}
