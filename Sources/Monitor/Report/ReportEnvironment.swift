#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The machine, build and server a report was measured on, so that two reports
/// are compared knowingly: a different CPU or a debug build explains a change.
public struct ReportEnvironment: Sendable, Equatable, Codable {
    public var cpuModel: String
    public var cores: Int
    public var memoryBytes: UInt64
    public var kernel: String
    public var swiftVersion: String
    /// `release` or `debug`.
    public var buildConfiguration: String
    /// The commit of the working directory's git checkout (`+dirty` when it has changes), nil when unknown.
    public var gitCommit: String?
    /// `built-in` (a `dashboard serve` child) or what an external server said it is.
    public var serverKind: String
    public var serverURL: String
    /// The remote protocol and tensor format the client settled on.
    public var remoteProtocol: String
    /// ISO 8601, UTC.
    public var startedAt: String
    public var finishedAt: String

    public init(cpuModel: String, cores: Int, memoryBytes: UInt64, kernel: String, swiftVersion: String, buildConfiguration: String,
                gitCommit: String?, serverKind: String, serverURL: String, remoteProtocol: String, startedAt: String, finishedAt: String) {
        self.cpuModel = cpuModel; self.cores = cores; self.memoryBytes = memoryBytes; self.kernel = kernel
        self.swiftVersion = swiftVersion; self.buildConfiguration = buildConfiguration; self.gitCommit = gitCommit
        self.serverKind = serverKind; self.serverURL = serverURL; self.remoteProtocol = remoteProtocol
        self.startedAt = startedAt; self.finishedAt = finishedAt
    }

    enum CodingKeys: String, CodingKey {
        case cores, kernel
        case cpuModel = "cpu_model", memoryBytes = "memory_bytes", swiftVersion = "swift_version"
        case buildConfiguration = "build_configuration", gitCommit = "git_commit", serverKind = "server_kind"
        case serverURL = "server_url", remoteProtocol = "protocol", startedAt = "started_at", finishedAt = "finished_at"
    }

    /// The labelled values, in the order the Markdown and CSV views list them.
    public var fields: [(key: String, label: String, value: String)] {
        [("cpu_model", "CPU", cpuModel), ("cores", "Cores", "\(cores)"),
         ("memory_bytes", "Memory", String(format: "%.1f GiB", Double(memoryBytes) / 1_073_741_824)),
         ("kernel", "Kernel", kernel), ("swift_version", "Swift", swiftVersion),
         ("build_configuration", "Build configuration", buildConfiguration), ("git_commit", "Git commit", gitCommit ?? "unknown"),
         ("server_kind", "Server", serverKind), ("server_url", "Server URL", serverURL), ("protocol", "Protocol", remoteProtocol),
         ("started_at", "Started", startedAt), ("finished_at", "Finished", finishedAt)]
    }

    /// Where the two environments differ in what changes figures (CPU, cores, memory,
    /// kernel, Swift, build configuration, server), as "label: a → b" lines.
    public func differences(from other: ReportEnvironment) -> [String] {
        let compared: Set = ["cpu_model", "cores", "memory_bytes", "kernel", "swift_version", "build_configuration", "server_kind", "protocol"]
        return zip(other.fields, fields).filter { compared.contains($0.0.key) && $0.0.value != $0.1.value }
            .map { "\($0.0.label): \($0.0.value) → \($0.1.value)" }
    }

    /// The first `model name` of a /proc/cpuinfo text (nil when it has none).
    public static func cpuModel(cpuinfo: String) -> String? {
        for line in cpuinfo.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == "model name" {
                let name = parts[1].trimmingCharacters(in: .whitespaces)
                if !name.isEmpty { return name }
            }
        }
        return nil
    }

    /// The kernel's name and release (`uname -sr`).
    public static func kernelRelease() -> String {
        var u = utsname()
        guard uname(&u) == 0 else { return "unknown" }
        func text<T>(_ field: T) -> String {
            withUnsafeBytes(of: field) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
        }
        return "\(text(u.sysname)) \(text(u.release))"
    }

    /// The Swift compiler this binary was built with.
    public static var swiftCompiler: String {
        #if compiler(>=6.4)
        "6.4 or later"
        #elseif compiler(>=6.3)
        "6.3"
        #elseif compiler(>=6.2)
        "6.2"
        #elseif compiler(>=6.1)
        "6.1"
        #else
        "6.0"
        #endif
    }

    /// ISO 8601 with seconds, UTC.
    public static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }
}
