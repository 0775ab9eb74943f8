/// Whole thread names where the kernel keeps only 15 bytes of `comm`.
///
/// Two sources are known: the names this process set itself (the engine's
/// `CurrentThread.namesSet()`: `neat-eval-0`, `dashboard-ui`, …), whose first 15
/// bytes are the `comm`; and libdispatch's worker threads, which Linux shows by the
/// last 15 bytes of their queue's label (`oot.default-qos` is `com.apple.root.default-qos`;
/// `-qos.overcommit` ends every overcommit queue's label and shows as
/// `com.apple.root.*-qos.overcommit`). Anything else is shown as the kernel has it.
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
        guard comm.utf8.count == commBytes else { return comm }
        let labels = dispatchLabels.filter { $0.utf8.suffix(commBytes).elementsEqual(comm.utf8) }
        guard let first = labels.first else { return comm }
        if labels.count == 1 { return first }
        // Several queues end alike ("-qos.overcommit"): what they share, and a * for what is unknown.
        let shared = labels.dropFirst().reduce(first) { a, b in String(zip(a, b).prefix { $0 == $1 }.map(\.0)) }
        return shared + "*" + comm
    }
}
