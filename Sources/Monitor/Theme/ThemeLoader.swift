import Foundation

/// Finds and loads `*.theme` files.
///
/// Search order (first match of a name wins): every directory in
/// `$DASHBOARD_THEMES` (colon-separated), `./themes` in the working directory,
/// then a `themes/` folder in the executable's directory or any of its parents
/// (so `.build/debug/dashboard` finds the repository's `themes/`).
public struct ThemeLoader: Sendable {
    public var directories: [String]

    public init(directories: [String]) { self.directories = directories }

    /// The standard search path for this process.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment,
                                cwd: String = FileManager.default.currentDirectoryPath,
                                executablePath: String = ThemeLoader.executablePath()) -> ThemeLoader {
        var dirs: [String] = []
        if let env = environment["DASHBOARD_THEMES"] {
            dirs += env.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        dirs.append((cwd as NSString).appendingPathComponent("themes"))
        var exeDir = URL(fileURLWithPath: executablePath, relativeTo: URL(fileURLWithPath: cwd))
            .standardizedFileURL.resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            dirs.append(exeDir.appendingPathComponent("themes").path)
            let up = exeDir.deletingLastPathComponent()
            if up.path == exeDir.path { break }
            exeDir = up
        }
        var seen = Set<String>()
        return ThemeLoader(directories: dirs.filter { seen.insert($0).inserted })
    }

    /// This executable's path: /proc/self/exe (right even when started through PATH), else argv[0].
    public static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? ""
    }

    /// Theme names available, "default" first, then alphabetical.
    public func availableNames() -> [String] {
        var names = Set<String>(["default"])
        for d in directories {
            guard let items = try? FileManager.default.contentsOfDirectory(atPath: d) else { continue }
            for f in items where f.hasSuffix(".theme") { names.insert(String(f.dropLast(6))) }
        }
        return ["default"] + names.subtracting(["default"]).sorted()
    }

    /// The path of a theme name, or nil.
    public func path(of name: String) -> String? {
        if name.contains("/") { return FileManager.default.fileExists(atPath: name) ? name : nil }
        for d in directories {
            let p = (d as NSString).appendingPathComponent(name + ".theme")
            if FileManager.default.fileExists(atPath: p) { return p }
        }
        return nil
    }

    /// Loads a theme by name or path. Never throws: a missing or bad file gives the
    /// default theme and a message saying what was wrong.
    public func load(_ name: String) -> (theme: Theme, problem: String?) {
        guard let p = path(of: name) else {
            if name == "default" { return (Theme.builtinDefault, nil) }
            return (Theme.builtinDefault,
                    "theme \(name.debugDescription) not found in \(directories.joined(separator: ", ")); using the default theme")
        }
        return Self.load(path: p, name: (p as NSString).lastPathComponent.replacingOccurrences(of: ".theme", with: ""))
    }

    /// Loads one file; missing keys come from the default theme.
    public static func load(path: String, name: String) -> (theme: Theme, problem: String?) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (Theme.builtinDefault, "cannot read theme file \(path); using the default theme")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (Theme.builtinDefault, "theme file \(path) is not UTF-8 text; using the default theme")
        }
        do {
            let colors = try ThemeParser.parse(text, file: path)
            return (Theme(name: name, colors: colors).filled(from: .builtinDefault), nil)
        } catch {
            return (Theme.builtinDefault, "bad theme: \(error); using the default theme")
        }
    }
}
