/// The 404 a server answers to `POST /infer` when it lacks networks the request
/// names by content id: `{"error": "...", "missing": ["sha256:<hex>", ...]}`.
/// The client resends the request with those networks inline (`"networks"`);
/// the server writes it with `ServingError.missingNetworks`.
package enum MissingNetworks {
    /// The ids of a `missing` answer, or nil when `bytes` is not a JSON object
    /// with a `"missing"` array of strings (at most `maxIDs` of them, each at
    /// most `maxIDBytes` long). Other keys are skipped.
    package static func parse(_ bytes: UnsafeRawBufferPointer, maxIDs: Int = 65_536, maxIDBytes: Int = 256) -> [String]? {
        var s = JSONScanner(bytes)
        var ids: [String]?
        do throws(ServingError) {
            try s.expect(UInt8(ascii: "{"), "'{'")
            if s.peek() == UInt8(ascii: "}") { return nil }
            repeat {
                let key = try s.readString()
                try s.expect(UInt8(ascii: ":"), "':'")
                guard key == "missing" else { try s.skipValue(); continue }
                guard ids == nil else { return nil }
                var list = [String]()
                try s.expect(UInt8(ascii: "["), "'['")
                if s.peek() == UInt8(ascii: "]") { s.index += 1 } else {
                    repeat {
                        guard list.count < maxIDs, s.peek() == UInt8(ascii: "\"") else { return nil }
                        let id = try s.readString()
                        guard !id.isEmpty, id.utf8.count <= maxIDBytes else { return nil }
                        list.append(id)
                    } while try s.nextElement(close: UInt8(ascii: "]"), in: "\"missing\"")
                }
                ids = list
            } while try s.nextElement(close: UInt8(ascii: "}"), in: "the answer")
            try s.expectEnd()
        } catch {
            return nil
        }
        return ids
    }
}
