import Foundation

/// Why a file is not a report this build can read, naming the file and what is wrong.
public struct ReportFileError: Error, CustomStringConvertible, Equatable {
    public var description: String
    init(_ path: String, _ problem: String) { description = "\(path): \(problem)" }
}

extension BenchmarkReport {
    /// The largest report file read (a report is a few kB).
    public static let maximumFileBytes = 4 << 20

    /// `report.json`: pretty-printed, keys sorted.
    public func json() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try e.encode(self)
        data.append(0x0A)
        return data
    }

    /// Reads a report written by `json()`; `path` names the file in the errors.
    public static func read(path: String) throws(ReportFileError) -> BenchmarkReport {
        let data: Data
        guard FileManager.default.fileExists(atPath: path) else { throw ReportFileError(path, "does not exist") }
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if (attributes[.type] as? FileAttributeType) == .typeDirectory {
                throw ReportFileError(path, "is a folder; give the report.json file in it")
            }
            if let size = attributes[.size] as? Int, size > maximumFileBytes {
                throw ReportFileError(path, "is \(size) bytes, more than a report's \(maximumFileBytes): not a report file")
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let e as ReportFileError {
            throw e
        } catch {
            throw ReportFileError(path, "cannot be read (\((error as NSError).localizedDescription))")
        }
        return try decode(data, path: path)
    }

    /// Decodes and checks a report: JSON, the `format` and `version` fields, every
    /// field present with its type, rows named and unique, finite samples.
    public static func decode(_ data: Data, path: String) throws(ReportFileError) -> BenchmarkReport {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            let ns = error as NSError
            let why = (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
            throw ReportFileError(path, "is not JSON (\(why)); a report is the report.json that `dashboard report` writes")
        }
        guard let top = object as? [String: Any] else { throw ReportFileError(path, "is JSON but not an object: not a dashboard report") }
        guard let format = top["format"] as? String, format == formatName else {
            let found = top["format"].map { "\"format\" is \($0)" } ?? "it has no \"format\" field"
            throw ReportFileError(path, "is not a dashboard report (\(found); a report says \"format\": \"\(formatName)\")")
        }
        guard let version = top["version"] as? Int, version == currentVersion else {
            throw ReportFileError(path, "is report version \(top["version"].map { "\($0)" } ?? "(none)"); this dashboard reads version \(currentVersion)")
        }
        let report: BenchmarkReport
        do { report = try JSONDecoder().decode(BenchmarkReport.self, from: data) } catch let e as DecodingError {
            throw ReportFileError(path, describe(e))
        } catch {
            throw ReportFileError(path, "\(error)")
        }
        try report.check(path: path)
        return report
    }

    /// The checks the types cannot make: rows present, named and unique, each table's figures over at least one repetition.
    func check(path: String) throws(ReportFileError) {
        guard !microbenchmark.isEmpty, !trainingThroughput.isEmpty else {
            throw ReportFileError(path, "has an empty \(microbenchmark.isEmpty ? "microbenchmark" : "training_throughput") table")
        }
        for (table, names) in [("microbenchmark", microbenchmark.map(\.row)), ("training_throughput", trainingThroughput.map(\.row))] {
            if let empty = names.firstIndex(where: \.isEmpty) { throw ReportFileError(path, "\(table)[\(empty)] has an empty row name") }
            if let dup = names.first(where: { n in names.filter { $0 == n }.count > 1 }) {
                throw ReportFileError(path, "\(table) has the row \"\(dup)\" twice")
            }
        }
        if let f = figures.first(where: { $0.summary.count == 0 }) {
            throw ReportFileError(path, "\(f.name) has no samples")
        }
        if let p = projected {
            guard p.rttMilliseconds.isFinite, p.rttMilliseconds >= 0 else { throw ReportFileError(path, "projected.rtt_ms is \(p.rttMilliseconds), not a round trip") }
            if let r = p.rows.first(where: { $0.generationsPerSecond.count == 0 || $0.requestsPerSecond.count == 0 }) {
                throw ReportFileError(path, "projected row \"\(r.row)\" has no samples")
            }
        }
    }

    /// "field microbenchmark[0].p50_ms.samples: expected an array of numbers" and the like.
    static func describe(_ e: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.reduce("") { s, k in
                if let i = k.intValue { return s + "[\(i)]" }
                return s.isEmpty ? k.stringValue : s + "." + k.stringValue
            }
        }
        switch e {
        case .keyNotFound(let key, let context):
            return "the field \(path(context.codingPath + [key])) is missing"
        case .typeMismatch(let type, let context):
            return "the field \(path(context.codingPath)) is not \(typeName(type))"
        case .valueNotFound(let type, let context):
            return "the field \(path(context.codingPath)) is null, expected \(typeName(type))"
        case .dataCorrupted(let context):
            return "the field \(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(e)"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Double.Type, is Int.Type, is UInt64.Type: return "a number"
        case is Bool.Type: return "true or false"
        case is [Double].Type: return "an array of numbers"
        default: return "the expected \(type)"
        }
    }
}
