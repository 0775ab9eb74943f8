/// Parses btop's theme format:
///
///     # comment
///     theme[main_bg]="#2E3440"     hex RRGGBB
///     theme[main_fg]="#cc"         hex grey level
///     theme[title]="236 239 244"   decimal R G B
///     theme[main_bg]=""            the terminal's own colour
public enum ThemeParser {
    public struct ThemeError: Error, CustomStringConvertible, Equatable {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    public static func parse(_ text: String, file: String) throws -> [String: ThemeColor] {
        var out: [String: ThemeColor] = [:]
        var lineNo = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNo += 1
            let line = String(rawLine).trimmingSpaces.replacingCR
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard line.hasPrefix("theme["), let close = line.firstIndex(of: "]") else {
                throw ThemeError(file: file, line: lineNo,
                                 message: "expected theme[key]=\"value\", received \(line.prefix(60).debugDescription)")
            }
            let key = String(line[line.index(line.startIndex, offsetBy: 6)..<close])
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw ThemeError(file: file, line: lineNo, message: "bad key \(key.debugDescription): expected letters, digits and _")
            }
            var rest = line[line.index(after: close)...].drop { $0 == " " || $0 == "\t" }
            guard rest.first == "=" else {
                throw ThemeError(file: file, line: lineNo, message: "theme[\(key)]: expected '=' after the key")
            }
            rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
            var value = String(rest).trimmingSpaces
            if value.hasPrefix("\"") {
                guard value.count >= 2, value.hasSuffix("\"") else {
                    throw ThemeError(file: file, line: lineNo, message: "theme[\(key)]: unterminated quote in \(value.debugDescription)")
                }
                value = String(value.dropFirst().dropLast())
            }
            do { out[key] = try color(value) } catch let e as ColorError {
                throw ThemeError(file: file, line: lineNo, message: "theme[\(key)]: \(e.message)")
            }
        }
        return out
    }

    struct ColorError: Error { var message: String }

    /// One colour value: "", "#RRGGBB", "#GG" (grey) or "R G B" (decimal 0-255).
    static func color(_ v: String) throws -> ThemeColor {
        let value = v.trimmingSpaces
        if value.isEmpty { return .terminalDefault }
        let expected = "expected \"#RRGGBB\", \"#GG\", \"R G B\" (0-255) or \"\", received \(value.debugDescription)"
        if value.hasPrefix("#") {
            let hex = value.dropFirst()
            guard hex.allSatisfy(\.isHexDigit) else { throw ColorError(message: expected) }
            if hex.count == 6, let n = UInt32(hex, radix: 16) {
                return .rgb(UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF))
            }
            if hex.count == 2, let g = UInt8(hex, radix: 16) { return .rgb(g, g, g) }
            throw ColorError(message: expected)
        }
        let parts = value.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 3 else { throw ColorError(message: expected) }
        let nums = parts.compactMap { UInt8($0) }
        guard nums.count == 3 else { throw ColorError(message: expected) }
        return .rgb(nums[0], nums[1], nums[2])
    }
}

extension String {
    var replacingCR: String { hasSuffix("\r") ? String(dropLast()) : self }
}
