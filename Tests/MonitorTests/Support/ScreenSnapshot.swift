import Foundation
import Testing

/// Compares rendered text with a committed file under Fixtures/screens/.
/// Set DASHBOARD_RECORD_SCREENS=1 to (re)write the files instead.
enum ScreenSnapshot {
    static func check(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = Fixtures.path("screens/\(name).txt")
        if ProcessInfo.processInfo.environment["DASHBOARD_RECORD_SCREENS"] == "1" {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("missing snapshot \(path): run with DASHBOARD_RECORD_SCREENS=1 to record it", sourceLocation: sourceLocation)
            return
        }
        if expected != text {
            Issue.record("screen \(name) differs from \(path)\n--- expected\n\(expected)\n--- got\n\(text)", sourceLocation: sourceLocation)
        }
    }
}
