import Foundation
import Serving

/// The live progress of a load run: one line on stderr, rewritten each second,
/// only when stderr is a terminal (logs and pipes get nothing).
final class LoadProgressLine {
    let enabled: Bool
    private var shown = false

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ interval: LoadInterval, step: Int?, level: Double, closedLoop: Bool) {
        guard enabled else { return }
        let text = LoadSummary.progress(interval, step: step, level: level, closedLoop: closedLoop)
        FileHandle.standardError.write(Data(("\r" + text + "\u{1B}[K").utf8))
        shown = true
    }

    /// Ends the line, so what follows starts on its own.
    func finish() {
        guard enabled, shown else { return }
        FileHandle.standardError.write(Data("\n".utf8))
        shown = false
    }
}
