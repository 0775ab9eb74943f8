#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// SIGINT and SIGTERM become a flag the UI loop polls (within one key timeout),
/// so it leaves through its normal path and restores the terminal.
public enum SignalFlag {
    private static let raised = Atomic<Int32>(0)

    /// Installs the handlers. Call before starting curses, so curses keeps them.
    public static func install() {
        var sa = sigaction()
        sa.__sigaction_handler.sa_handler = { sig in SignalFlag.raised.store(sig, ordering: .relaxed) }
        sigemptyset(&sa.sa_mask)
        sa.sa_flags = 0   // no SA_RESTART: a blocking getch returns at once
        sigaction(SIGINT, &sa, nil)
        sigaction(SIGTERM, &sa, nil)
    }

    /// The signal that asked us to stop, or nil.
    public static var stopSignal: Int32? {
        let s = raised.load(ordering: .relaxed)
        return s == 0 ? nil : s
    }
}
