#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Engine

/// Console helpers shared by the commands: JSON lines, tables, a progress bar.
enum Output {
    /// Whether stdout is a terminal (progress bars only then).
    static var stdoutIsTerminal: Bool { isatty(1) == 1 }

    /// One JSON object on one line, keys sorted.
    static func jsonLine(_ object: [String: Any]) -> String {
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// A fixed-width text table.
    static func table(header: [String], rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in String(repeating: " ", count: widths[i] - c.count) + c }.joined(separator: "  ")
        }
        return ([line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + rows.map(line)).joined(separator: "\n")
    }

    static func fixed(_ x: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", x) }

    static func mean(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count) }

    static func median(_ xs: [Double]) -> Double {
        guard !xs.isEmpty else { return 0 }
        let s = xs.sorted(); let n = s.count
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
    }

    /// Half-width of the 95% confidence interval of the mean (Student's t, exact
    /// for any number of runs: `SampleSummary`, as `dashboard report` computes it).
    static func ci95(_ xs: [Double]) -> Double { SampleSummary(xs).ci95HalfWidth }
}

/// A one-line progress bar drawn on stdout with carriage returns (terminals only).
final class ProgressBar {
    private let total: Int
    private let label: String
    private let enabled: Bool
    private var last = -1

    init(total: Int, label: String, enabled: Bool = Output.stdoutIsTerminal) {
        self.total = max(1, total)
        self.label = label
        self.enabled = enabled
    }

    /// Whether the bar draws (stdout is a terminal): callers skip building details otherwise.
    var isEnabled: Bool { enabled }

    func update(_ done: Int, detail: String = "") {
        guard enabled else { return }
        let width = 30
        let filled = min(width, done * width / total)
        let pct = min(100, done * 100 / total)
        if pct == last && detail.isEmpty { return }
        last = pct
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        print("\r\(label) [\(bar)] \(pct)% \(detail)\u{1B}[K", terminator: "")
        fflush(nil)
    }

    func finish() {
        guard enabled else { return }
        print("\r\u{1B}[K", terminator: "")
        fflush(nil)
    }
}

/// A runtime failure of a command: printed as `Error: <description>` without the usage text.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
