#if FUZZING
/// libFuzzer's callback: one input.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzTestOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    FuzzTargets.run(UnsafeRawBufferPointer(start: start, count: count))
    return 0
}

/// libFuzzer's driver, linked in by `-sanitize=fuzzer`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafeRawPointer?, Int) -> CInt
) -> CInt

/// The executable's entry point when fuzzing (built with `-sanitize=fuzzer,address -D FUZZING`; see
/// scripts/fuzz). SwiftPM links an executable's `main` to `<Module>_main`, so this hands the command
/// line to libFuzzer's driver, which calls back with each input.
@_cdecl("WireFuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzTestOneInput)
}
#else
import Foundation

/// Replays fuzz inputs (files or directories of files) through every reader:
/// the corpus as a regression test, without libFuzzer.
///
///     swift run wire-fuzz Tests/Fuzz/corpus
@main
struct WireFuzzReplay {
    static func main() throws {
        var files = [String]()
        for path in CommandLine.arguments.dropFirst() {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                print("wire-fuzz: no such file or directory: \(path)")
                exit(2)
            }
            if isDirectory.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
                files += names.map { path + "/" + $0 }
            } else {
                files.append(path)
            }
        }
        for file in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            data.withUnsafeBytes { FuzzTargets.run($0) }
        }
        print("wire-fuzz: replayed \(files.count) inputs through \(FuzzTargets.readers.count) readers, no crash")
    }
}
#endif
