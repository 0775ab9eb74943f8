/// A colour as btop themes write it, or "leave the terminal's own".
public enum ThemeColor: Sendable, Equatable, Hashable {
    case rgb(UInt8, UInt8, UInt8)
    /// `theme[x]=""`: the terminal's default colour.
    case terminalDefault
}

/// A btop-format theme: key → colour, every key the monitor uses present
/// (missing keys were filled from the default theme).
public struct Theme: Sendable, Equatable {
    public var name: String
    public var colors: [String: ThemeColor]

    public init(name: String, colors: [String: ThemeColor]) {
        self.name = name; self.colors = colors
    }

    /// The btop keys the monitor reads, and what each colours here.
    public static let usedKeys = ["main_bg", "main_fg", "title", "hi_fg", "selected_bg", "selected_fg",
                                  "inactive_fg", "graph_text", "meter_bg", "proc_misc", "cpu_box", "div_line",
                                  "cpu_start", "cpu_mid", "cpu_end",
                                  "cached_mid", "temp_start", "used_mid", "available_mid", "upload_end", "free_mid"]

    public func color(_ key: String) -> ThemeColor {
        colors[key] ?? Theme.builtinDefault.colors[key] ?? .terminalDefault
    }

    /// Foreground and background of a style role.
    public func colors(for role: StyleRole) -> (fg: ThemeColor, bg: ThemeColor) {
        let bg = color("main_bg")
        switch role {
        case .normal, .label: return (color("main_fg"), bg)
        case .title: return (color("title"), bg)
        case .highlight: return (color("hi_fg"), bg)
        case .inactive: return (color("inactive_fg"), bg)
        case .selected: return (color("selected_fg"), color("selected_bg"))
        case .border: return (color("cpu_box"), bg)
        case .graph: return (color("proc_misc"), bg)
        case .good: return (color("cpu_start"), bg)
        case .warning: return (color("cpu_mid"), bg)
        case .bad: return (color("cpu_end"), bg)
        case .meter: return (color("graph_text"), bg)
        case .series1: return (color("cached_mid"), bg)
        case .series2: return (color("temp_start"), bg)
        case .series3: return (color("used_mid"), bg)
        case .series4: return (color("available_mid"), bg)
        case .series5: return (color("upload_end"), bg)
        case .series6: return (color("free_mid"), bg)
        }
    }

    /// The same theme with missing keys taken from `base`.
    public func filled(from base: Theme) -> Theme {
        var c = base.colors
        for (k, v) in colors { c[k] = v }
        return Theme(name: name, colors: c)
    }

    /// btop's own default theme (the values of themes/default.theme), used for missing keys and bad files.
    public static let builtinDefault: Theme = {
        let text = """
        theme[main_bg]=""
        theme[main_fg]="#cc"
        theme[title]="#ee"
        theme[hi_fg]="#b54040"
        theme[selected_bg]="#6a2f2f"
        theme[selected_fg]="#ee"
        theme[inactive_fg]="#40"
        theme[graph_text]="#60"
        theme[meter_bg]="#40"
        theme[proc_misc]="#0de756"
        theme[cpu_box]="#556d59"
        theme[mem_box]="#6c6c4b"
        theme[net_box]="#5c588d"
        theme[proc_box]="#805252"
        theme[div_line]="#30"
        theme[cpu_start]="#50f095"
        theme[cpu_mid]="#f2e266"
        theme[cpu_end]="#fa1e1e"
        theme[cached_mid]="#74e6fc"
        theme[temp_start]="#4897d4"
        theme[used_mid]="#d9626d"
        theme[available_mid]="#ffd77a"
        theme[upload_end]="#dcafde"
        theme[free_mid]="#b5e685"
        """
        // The literal above is checked by ThemeTests; a failure here is a programming error.
        return Theme(name: "default", colors: (try? ThemeParser.parse(text, file: "built-in default")) ?? [:])
    }()
}
