/// Whole thread names where the kernel keeps only 15 bytes of `comm`.
///
/// Two sources are known: the names this process set itself (the engine's
/// `CurrentThread.namesSet()`: `neat-eval-0`, `dashboard-ui`, …), whose first 15
/// bytes are the `comm`; and libdispatch's worker threads, which Linux shows by the
/// last 15 bytes of their queue's label (`-qos.overcommit` is
/// `com.apple.root.default-qos.overcommit`). Anything else is shown as the kernel has it.
public enum ThreadNames {
    /// The labels of libdispatch's global queues, whose threads carry their last 15 bytes.
    public static let dispatchLabels: [String] = {
        let qos = ["maintenance", "background", "utility", "default", "user-initiated", "user-interactive"]
        return qos.flatMap { ["com.apple.root.\($0)-qos", "com.apple.root.\($0)-qos.overcommit"] } + ["com.apple.main-thread"]
    }()

    /// Bytes of a name the kernel keeps.
    public static let commBytes = 15

    /// The whole name of thread `tid` whose `comm` is `comm`.
    public static func resolve(comm: String, tid: Int32, registered: [Int32: String]) -> String {
        if let full = registered[tid], full.utf8.count > commBytes, full.utf8.prefix(commBytes).elementsEqual(comm.utf8) {
            return full
        }
        if comm.utf8.count == commBytes, let label = dispatchLabels.first(where: { $0.utf8.suffix(commBytes).elementsEqual(comm.utf8) }) {
            return label
        }
        return comm
    }
}
