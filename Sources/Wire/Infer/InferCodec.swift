import Engine

/// Reads the body of `POST /infer`: `{"inputs": [[f32, ...], ...], "model": "ID"}`
/// or `{"inputs": [...], "models": ["ID per row", ...]}`, optionally with
/// `"networks": {"sha256:<hex>": <neat-python network JSON>, ...}`: networks
/// named by their content id, sent inline after a server answered that it
/// lacked them (only their ids and byte ranges are read here; the server decodes,
/// validates and checks each against its id).
///
/// The inputs are parsed straight into caller-provided flat storage (row-major,
/// rows may differ in length until a model checks them), so the hot path builds
/// no arrays. Keys may come in any order; unknown keys are an error naming them.
package enum InferCodec {
    /// What a request asked for; the values themselves sit in the caller's buffers.
    package struct Request {
        /// Number of rows in `inputs`.
        package var rows = 0
        /// Total floats over all rows.
        package var values = 0
        package var modelID: String?
        package var modelIDs: [String]?
        /// Inline networks: each content id and the byte range of its document in the body.
        package var networks: [(id: String, range: Range<Int>)]?
    }

    /// Upper bound of floats (and of rows) a body of `byteCount` bytes can hold:
    /// every number or row takes at least one byte plus a separator.
    package static func capacity(forBodyBytes byteCount: Int) -> Int { byteCount / 2 + 1 }

    /// Parses `bytes` into `values` (floats, row-major) and `rowEnds` (the end
    /// offset in `values` of each row); both hold `capacity(forBodyBytes:)` items.
    /// More than `limits.maxRows` rows is a 413 naming `--max-rows`; more inline
    /// networks than `limits.maxPopulation` one naming `--max-population`.
    package static func parse(
        _ bytes: UnsafeRawBufferPointer, values: UnsafeMutablePointer<Float>, rowEnds: UnsafeMutablePointer<Int32>,
        limits: ServerLimits = .standard
    ) throws(ServingError) -> Request {
        let maxRows = limits.maxRows
        var s = JSONScanner(bytes)
        var request = Request()
        var sawInputs = false
        try s.expect(UInt8(ascii: "{"), "'{' (the body must be a JSON object like {\"inputs\": [[0.5, 1.0]]})")
        if s.peek() != UInt8(ascii: "}") {
            repeat {
                let keyOffset = s.index
                let key = try s.readString()
                try s.expect(UInt8(ascii: ":"), "':' after an object key")
                switch key {
                case "inputs":
                    guard !sawInputs else { throw .badRequest("key \"inputs\" appears twice (byte \(keyOffset))") }
                    sawInputs = true
                    try parseInputs(&s, into: &request, values: values, rowEnds: rowEnds, maxRows: maxRows)
                case "model":
                    if !s.skipNull() { request.modelID = try readID(&s, what: "\"model\" (a model id string)") }
                case "models":
                    if !s.skipNull() { request.modelIDs = try parseIDs(&s) }
                case "networks":
                    guard request.networks == nil else { throw .badRequest("key \"networks\" appears twice (byte \(keyOffset))") }
                    if !s.skipNull() { request.networks = try parseNetworks(&s, limits: limits) }
                default:
                    throw .badRequest("unknown key \"\(key)\" at byte \(keyOffset): expected \"inputs\", \"model\", \"models\" or \"networks\"")
                }
            } while try s.nextElement(close: UInt8(ascii: "}"), in: "the request object")
        } else {
            s.index += 1
        }
        try s.expectEnd()
        guard sawInputs else { throw .badRequest("missing key \"inputs\": send {\"inputs\": [[...], ...]}") }
        return request
    }

    @inline(__always)
    private static func parseInputs(
        _ s: inout JSONScanner, into request: inout Request,
        values: UnsafeMutablePointer<Float>, rowEnds: UnsafeMutablePointer<Int32>, maxRows: Int
    ) throws(ServingError) {
        try s.expect(UInt8(ascii: "["), "'[' (\"inputs\" is an array of rows, each an array of numbers)")
        if s.peek() == UInt8(ascii: "]") { s.index += 1; return }
        var count = 0
        var row = 0
        repeat {
            guard row < maxRows else { throw .overLimit("\"inputs\"", row + 1, "rows", limit: maxRows, setting: "--max-rows") }
            try s.expect(UInt8(ascii: "["), "'[' (each row of \"inputs\" is an array of numbers)")
            if s.peek() == UInt8(ascii: "]") {
                s.index += 1
            } else {
                var column = 0
                repeat {
                    do {
                        values[count] = try s.readFloat()
                    } catch {
                        throw ServingError(error.status, "inputs row \(row), value \(column): \(error.message)")
                    }
                    count += 1
                    column += 1
                } while try s.nextElement(close: UInt8(ascii: "]"), in: "a row of inputs")
            }
            rowEnds[row] = Int32(truncatingIfNeeded: count)
            row += 1
        } while try s.nextElement(close: UInt8(ascii: "]"), in: "\"inputs\"")
        request.rows = row
        request.values = count
    }

    private static func readID(_ s: inout JSONScanner, what: StaticString) throws(ServingError) -> String {
        guard s.peek() == UInt8(ascii: "\"") else { throw s.error(expected: "\(what)") }
        return try s.readString()
    }

    private static func parseIDs(_ s: inout JSONScanner) throws(ServingError) -> [String] {
        try s.expect(UInt8(ascii: "["), "'[' (\"models\" is an array with one model id per row)")
        var ids = [String]()
        if s.peek() == UInt8(ascii: "]") { s.index += 1; return ids }
        repeat {
            ids.append(try readID(&s, what: "a model id string in \"models\""))
        } while try s.nextElement(close: UInt8(ascii: "]"), in: "\"models\"")
        return ids
    }

    /// `{"sha256:<hex>": <network>, ...}`: ids checked for shape, length and
    /// repeats, their count against `--max-population`; each value passed over by
    /// its brackets (`JSONScanner.skipContainer`: its decoder checks it) and its range kept.
    package static func parseNetworks(_ s: inout JSONScanner, limits: ServerLimits) throws(ServingError) -> [(id: String, range: Range<Int>)] {
        try s.expect(UInt8(ascii: "{"), "'{' (\"networks\" maps each content id to its network)")
        var networks = [(id: String, range: Range<Int>)]()
        var seen = Set<String>()
        if s.peek() == UInt8(ascii: "}") { s.index += 1; return networks }
        repeat {
            guard networks.count < limits.maxPopulation else {
                throw .overLimit("\"networks\"", networks.count + 1, "networks", limit: limits.maxPopulation, setting: "--max-population")
            }
            let idOffset = s.index
            let id = try s.readString()
            try limits.checkID(id, what: "network id")
            guard Genome.isContentID(id) else {
                throw .badRequest("\"networks\" key '\(id.prefix(80))' at byte \(idOffset) is not a content id: expected \"sha256:\" and 64 lower-case hex digits")
            }
            guard seen.insert(id).inserted else { throw .badRequest("network id '\(id)' appears twice in \"networks\" (byte \(idOffset))") }
            try s.expect(UInt8(ascii: ":"), "':' after a network id")
            s.skipWhitespace()
            let start = s.index
            try s.skipContainer()  // its decoder reads (and checks) it all
            networks.append((id, start..<s.index))
        } while try s.nextElement(close: UInt8(ascii: "}"), in: "\"networks\"")
        return networks
    }

    /// The body of `PUT /v1/networks`: `{"networks": {"sha256:<hex>": <network>, ...}}`,
    /// networks named by content id sent ahead of the requests that name them.
    package static func parseNetworksUpload(_ bytes: UnsafeRawBufferPointer, limits: ServerLimits = .standard) throws(ServingError) -> [(id: String, range: Range<Int>)] {
        guard bytes.count > 0 else { throw .badRequest("empty body: send {\"networks\": {\"sha256:<hex>\": <network>, ...}}") }
        var s = JSONScanner(bytes)
        var networks: [(id: String, range: Range<Int>)]?
        try s.expect(UInt8(ascii: "{"), "'{' (the body must be {\"networks\": {\"sha256:<hex>\": <network>, ...}})")
        if s.peek() == UInt8(ascii: "}") { s.index += 1 } else {
            repeat {
                let keyOffset = s.index
                let key = try s.readString()
                try s.expect(UInt8(ascii: ":"), "':' after an object key")
                guard key == "networks" else { throw .badRequest("unknown key \"\(key)\" at byte \(keyOffset): expected \"networks\"") }
                guard networks == nil else { throw .badRequest("key \"networks\" appears twice (byte \(keyOffset))") }
                networks = try parseNetworks(&s, limits: limits)
            } while try s.nextElement(close: UInt8(ascii: "}"), in: "the body")
        }
        try s.expectEnd()
        guard let networks else { throw .badRequest("missing key \"networks\": send {\"networks\": {\"sha256:<hex>\": <network>, ...}}") }
        return networks
    }
}
