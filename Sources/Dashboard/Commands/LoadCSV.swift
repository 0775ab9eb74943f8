import ArgumentParser
import Foundation
import Serving

/// `--csv FILE` of `dashboard load`: the header, then one row per second of each run.
final class LoadCSV {
    let path: String
    private let handle: FileHandle

    init(path: String) throws {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: Data((LoadInterval.csvHeader + "\n").utf8)),
              let h = FileHandle(forWritingAtPath: path) else {
            throw ValidationError("--csv \(path): cannot create the file")
        }
        handle = h
        handle.seekToEndOfFile()
    }

    func write(_ row: String) { handle.write(Data((row + "\n").utf8)) }

    func close() throws { try handle.close() }
}
