import Foundation

/// Reads one top-level string field of a small JSON object: the `"server"` of
/// `/healthz`, the `"error"` of an error body. For cold paths only.
enum JSONField {
    static func string(_ key: String, in text: String) -> String? {
        guard let data = text.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return object[key] as? String
    }

    /// What an error response says: its `"error"` text, else the start of the body.
    static func errorMessage(in text: String) -> String {
        if let message = string("error", in: text) { return message }
        if text.isEmpty { return "(empty body)" }
        return text.count > 200 ? "\(text.prefix(200))…" : text
    }
}
