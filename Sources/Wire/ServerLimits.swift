import Engine

/// What one request to the server may cost: the body, the networks it uploads,
/// the rows it asks for. Checked while a body is read, before the work it asks
/// for is allocated; a request over a limit is answered 413 naming the
/// `dashboard serve` flag that raises it (docs/serving.md lists the defaults).
public struct ServerLimits: Sendable, Equatable {
    /// Largest request body, in bytes (`--max-body-bytes`).
    public var maxBodyBytes: Int
    /// Each uploaded network's inputs, outputs, nodes and connections.
    public var network: NetworkLimits
    /// Rows in one inference request (`--max-rows`).
    public var maxRows: Int
    /// Output values of one inference request, rows × outputs (`--max-outputs-per-request`).
    public var maxOutputValues: Int
    /// Networks in one population upload (`--max-population`).
    public var maxPopulation: Int
    /// Bytes of one model id or name (`--max-id-bytes`).
    public var maxIDBytes: Int

    public init(maxBodyBytes: Int = 8 << 20, network: NetworkLimits = .standard, maxRows: Int = 65_536,
                maxOutputValues: Int = 1 << 20, maxPopulation: Int = 10_000, maxIDBytes: Int = 256) {
        self.maxBodyBytes = maxBodyBytes
        self.network = network
        self.maxRows = maxRows
        self.maxOutputValues = maxOutputValues
        self.maxPopulation = maxPopulation
        self.maxIDBytes = maxIDBytes
    }

    /// The defaults of `dashboard serve`.
    public static let standard = ServerLimits()

    /// Throws 400 for an empty id, 413 for one over `maxIDBytes`.
    package func checkID(_ id: String, what: String) throws(ServingError) {
        guard !id.isEmpty else { throw .badRequest("\(what) must not be empty") }
        let bytes = id.utf8.count
        guard bytes <= maxIDBytes else {
            throw .overLimit("\(what) '\(id.prefix(32))…'", bytes, "bytes", limit: maxIDBytes, setting: "--max-id-bytes")
        }
    }
}
