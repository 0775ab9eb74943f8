#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BenchWorkloads

/// `bench-counts`: runs one fixed workload so that `valgrind --tool=callgrind` can
/// count its instructions and allocations (scripts/bench-gate). The workload is
/// built and run once unmeasured (first-use costs: metadata, caches), then run
/// once more inside `dashboard_bench_measure`, the one function the gate tells
/// callgrind to collect in (`--toggle-collect`).
///
///     bench-counts list          names and summaries, one per line (tab-separated)
///     bench-counts run NAME      builds NAME, runs it twice, prints its checksum

/// The measured region: one `run()` of `workload`. Never inlined, and named with
/// a plain symbol, so callgrind's `--toggle-collect=dashboard_bench_measure` finds it.
@inline(never) @_silgen_name("dashboard_bench_measure")
func measure(_ workload: any Workload) -> UInt64 {
    workload.run()
}

/// Prints `message` on standard error and exits with status 2.
func fail(_ message: String) -> Never {
    let line = Array("bench-counts: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(2)
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "list" where arguments.count == 1:
    for w in Workloads.all { print("\(w.name)\t\(w.summary)") }
case "run" where arguments.count == 2:
    guard let definition = Workloads.named(arguments[1]) else {
        fail("no workload named '\(arguments[1])'; known: \(Workloads.all.map(\.name).joined(separator: ", "))")
    }
    let workload = definition.make()
    let warm = workload.run()
    let measured = measure(workload)
    guard warm == measured else { fail("\(definition.name) is not deterministic: checksum \(warm) then \(measured)") }
    print("\(definition.name) checksum \(String(measured, radix: 16))")
default:
    fail("usage: bench-counts list | bench-counts run NAME")
}
