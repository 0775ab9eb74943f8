/// A v2 server's answer to `GET /v2/models/{name}[/versions/{v}]/stats` (the
/// statistics extension, in Triton's format), as a client needs it: each
/// model version's cumulative request counts and nanoseconds.
///
/// ```json
/// {"model_stats": [{"name": "m", "version": "1", "inference_stats": {
///     "success": {"count": 12, "ns": 480000}, "queue": {"count": 12, "ns": 24000},
///     "compute_input": {"count": 12, "ns": 36000}, "compute_infer": {"count": 12, "ns": 300000},
///     "compute_output": {"count": 12, "ns": 60000}}}]}
/// ```
///
/// The client splits round trips with these counters when answers carry no
/// `Server-Timing`, so the body comes from a server it does not control: every
/// counter must be a plain non-negative integer that fits 64 bits, the five
/// durations above must be there, and a body that breaks a rule is refused with
/// the field and value named. Other members (`fail`, `cache_hit`, `batch_stats`,
/// `memory_usage`, …) are skipped. At most `maxModels` entries are read.
package struct V2ModelStatistics: Equatable, Sendable {
    /// One cumulative counter: requests counted and their nanoseconds summed.
    package struct Duration: Equatable, Sendable {
        package var count: UInt64
        package var nanos: UInt64
        package init(count: UInt64, nanos: UInt64) { self.count = count; self.nanos = nanos }
    }

    /// One model version's counters.
    package struct Model: Equatable, Sendable {
        package var name: String
        /// Empty when the server does not say (versions are optional in the extension).
        package var version: String
        /// Requests that succeeded, and their whole time on the server.
        package var success: Duration
        /// Time waiting in the server's scheduling queues.
        package var queue: Duration
        /// Preparing the input tensors (Triton: copying them to the framework; ours: parsing the body).
        package var computeInput: Duration
        /// Running the model.
        package var computeInfer: Duration
        /// Preparing the output tensors.
        package var computeOutput: Duration

        package init(name: String, version: String, success: Duration, queue: Duration, computeInput: Duration,
                     computeInfer: Duration, computeOutput: Duration) {
            self.name = name; self.version = version; self.success = success; self.queue = queue
            self.computeInput = computeInput; self.computeInfer = computeInfer; self.computeOutput = computeOutput
        }
    }

    package var models: [Model]

    /// The most model entries one body may hold.
    package static let maxModels = 65_536

    package init(models: [Model]) { self.models = models }

    /// Parses a statistics body.
    ///
    /// - Throws: `ServingError` (400) naming the byte offset for malformed JSON, or
    ///   the field path and value for a missing member, a wrong type or a number
    ///   that is negative, fractional or beyond 64 bits.
    package static func parse(_ bytes: UnsafeRawBufferPointer) throws(ServingError) -> V2ModelStatistics {
        var s = JSONScanner(bytes)
        var models: [Model]?
        guard s.peek() == UInt8(ascii: "{") else { throw shape("the body", "a JSON object", s) }
        _ = try s.readObject { s, key throws(ServingError) in
            if key == "model_stats" { models = try readModels(&s) } else { try s.skipValue() }
            return true
        }
        try s.expectEnd()
        guard let models else { throw .badRequest("statistics: no \"model_stats\" array in the body") }
        return V2ModelStatistics(models: models)
    }

    /// Parses a statistics body held in a String.
    package static func parse(_ text: String) throws(ServingError) -> V2ModelStatistics {
        var utf8 = Array(text.utf8)
        let result = utf8.withUnsafeMutableBytes { raw in
            Result { () throws(ServingError) -> V2ModelStatistics in try parse(UnsafeRawBufferPointer(raw)) }
        }
        return try result.get()
    }

    private static func readModels(_ s: inout JSONScanner) throws(ServingError) -> [Model] {
        guard s.peek() == UInt8(ascii: "[") else { throw shape("model_stats", "an array", s) }
        var models: [Model] = []
        _ = try s.readArray { s throws(ServingError) in
            guard models.count < maxModels else {
                throw .badRequest("statistics: model_stats holds more than \(maxModels) entries")
            }
            models.append(try readModel(&s, path: "model_stats[\(models.count)]"))
            return true
        }
        return models
    }

    private static func readModel(_ s: inout JSONScanner, path: String) throws(ServingError) -> Model {
        guard s.peek() == UInt8(ascii: "{") else { throw shape(path, "an object", s) }
        var name: String?, version = ""
        var parts: [String: Duration]?
        _ = try s.readObject { s, key throws(ServingError) in
            switch key {
            case "name":
                guard s.peek() == UInt8(ascii: "\"") else { throw shape("\(path).name", "a string", s) }
                name = try s.readString()
            case "version":
                if s.skipNull() { break }
                guard s.peek() == UInt8(ascii: "\"") else { throw shape("\(path).version", "a string", s) }
                version = try s.readString()
            case "inference_stats":
                parts = try readInferenceStats(&s, path: "\(path).inference_stats")
            default:
                try s.skipValue()
            }
            return true
        }
        guard let name else { throw .badRequest("statistics: \(path) has no \"name\"") }
        guard let parts else { throw .badRequest("statistics: \(path) (model '\(name.prefix(80))') has no \"inference_stats\"") }
        func part(_ key: String) throws(ServingError) -> Duration {
            guard let d = parts[key] else {
                throw .badRequest("statistics: \(path).inference_stats (model '\(name.prefix(80))') has no \"\(key)\"")
            }
            return d
        }
        return Model(name: name, version: version, success: try part("success"), queue: try part("queue"),
                     computeInput: try part("compute_input"), computeInfer: try part("compute_infer"),
                     computeOutput: try part("compute_output"))
    }

    /// The members of `inference_stats` that are `{count, ns}` pairs we read.
    static let readParts: Set<String> = ["success", "queue", "compute_input", "compute_infer", "compute_output"]

    private static func readInferenceStats(_ s: inout JSONScanner, path: String) throws(ServingError) -> [String: Duration] {
        guard s.peek() == UInt8(ascii: "{") else { throw shape(path, "an object", s) }
        var out: [String: Duration] = [:]
        _ = try s.readObject { s, key throws(ServingError) in
            if readParts.contains(key) { out[key] = try readDuration(&s, path: "\(path).\(key)") } else { try s.skipValue() }
            return true
        }
        return out
    }

    private static func readDuration(_ s: inout JSONScanner, path: String) throws(ServingError) -> Duration {
        guard s.peek() == UInt8(ascii: "{") else { throw shape(path, "an object {\"count\", \"ns\"}", s) }
        var count: UInt64?, nanos: UInt64?
        _ = try s.readObject { s, key throws(ServingError) in
            switch key {
            case "count": count = try readCounter(&s, path: "\(path).count")
            case "ns": nanos = try readCounter(&s, path: "\(path).ns")
            default: try s.skipValue()
            }
            return true
        }
        guard let count else { throw .badRequest("statistics: \(path) has no \"count\"") }
        guard let nanos else { throw .badRequest("statistics: \(path) has no \"ns\"") }
        return Duration(count: count, nanos: nanos)
    }

    /// A plain non-negative integer that fits 64 bits (Triton writes uint64 counters).
    private static func readCounter(_ s: inout JSONScanner, path: String) throws(ServingError) -> UInt64 {
        guard let first = s.peek(), first == UInt8(ascii: "-") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) else {
            throw shape(path, "a non-negative integer", s)
        }
        let start = s.index
        _ = try s.scanNumber()
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: s.bytes[start..<s.index]), as: UTF8.self)
        guard let value = UInt64(text) else {
            let why = text.hasPrefix("-") ? "is negative" : text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
                ? "is not a whole number" : "does not fit a 64-bit unsigned integer"
            throw .badRequest("statistics: \(path): \(text.prefix(40)) \(why)")
        }
        return value
    }

    private static func shape(_ path: String, _ expected: String, _ s: JSONScanner) -> ServingError {
        .badRequest("statistics: \(path) must be \(expected), found \(s.excerpt(maxBytes: 30)) at byte \(s.index)")
    }
}
