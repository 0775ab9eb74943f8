import Foundation
import Testing
@testable import Monitor

/// Compares a rendered cell buffer with a committed file under Fixtures/screens/:
/// the text, then a grid of role letters (one per cell), then a grid of attribute
/// digits, so a change of colour role or of bold / reverse fails as a text change does.
///
/// DASHBOARD_RECORD_SCREENS=1 writes the files instead, and still fails the test:
/// a recorded snapshot is reviewed (git diff) before it is committed, and the next
/// run without the variable passes.
enum ScreenSnapshot {
    static let rolesHeader = "--- roles: . normal, l label, t title, H highlight, i inactive, s selected, b border, g graph, "
        + "G good, W warning, B bad, m meter, 1-6 series ---"
    static let attributesHeader = "--- attributes: . none, else hex of 1 bold + 2 dim + 4 reverse + 8 underline ---"

    /// The file's contents for `b`.
    static func render(_ b: CellBuffer) -> String {
        var roles = "", attributes = ""
        for y in 0..<b.height {
            var r = (0..<b.width).map { b[$0, y].role.letter }
            var a = (0..<b.width).map { b[$0, y].attributes.rawValue == 0 ? Character(".") : Character(String(b[$0, y].attributes.rawValue, radix: 16)) }
            while r.last == "." { r.removeLast() }
            while a.last == "." { a.removeLast() }
            roles += String(r) + "\n"
            attributes += String(a) + "\n"
        }
        return b.text + rolesHeader + "\n" + roles + attributesHeader + "\n" + attributes
    }

    static func check(_ buffer: CellBuffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = Fixtures.path("screens/\(name).txt")
        let text = render(buffer)
        if ProcessInfo.processInfo.environment["DASHBOARD_RECORD_SCREENS"] == "1" {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            Issue.record("recorded \(path): review it (git diff), then run again without DASHBOARD_RECORD_SCREENS",
                         sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("missing snapshot \(path): run with DASHBOARD_RECORD_SCREENS=1 to record it, then review it",
                         sourceLocation: sourceLocation)
            return
        }
        if expected != text {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let g = text.split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<Swift.min(e.count, g.count)).first { e[$0] != g[$0] } ?? Swift.min(e.count, g.count)
            let section = line < buffer.height ? "text" : (line <= 2 * buffer.height ? "roles" : "attributes")
            Issue.record("screen \(name) differs from \(path) first at line \(line + 1) (\(section))\n--- expected\n\(expected)\n--- got\n\(text)",
                         sourceLocation: sourceLocation)
        }
    }
}
