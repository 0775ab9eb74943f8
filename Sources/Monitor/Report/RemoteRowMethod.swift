/// How a remote row's latency percentiles and request rate were measured: by the
/// load generator under a defined load, or from the training's own requests.
///
/// The two are different experiments (a load run's requests all carry one
/// network; the training's mix many and wait on its matches), so the report
/// says which one each row is, and `--compare` names a change of method.
public struct RemoteRowMethod: Sendable, Equatable, Codable {
    /// `load` (a closed-loop load run after each repetition) or `training`.
    public var source: String
    /// Vectors per HTTP request.
    public var rowsPerRequest: Int
    /// Load runs: connections, one request in flight on each.
    public var connections: Int?
    /// Load runs: the measured seconds of each repetition's run.
    public var secondsPerRepetition: Double?
    /// Load runs: the network every request asks for, and its inputs per vector.
    public var model: String?
    public var inputs: Int?

    public static let load = "load"
    public static let training = "training"

    public init(source: String, rowsPerRequest: Int, connections: Int? = nil, secondsPerRepetition: Double? = nil,
                model: String? = nil, inputs: Int? = nil) {
        self.source = source; self.rowsPerRequest = rowsPerRequest; self.connections = connections
        self.secondsPerRepetition = secondsPerRepetition; self.model = model; self.inputs = inputs
    }

    enum CodingKeys: String, CodingKey {
        case source, connections, model, inputs
        case rowsPerRequest = "rows_per_request", secondsPerRepetition = "seconds_per_repetition"
    }

    /// One sentence for report.md, e.g. `load generator, closed loop: 4 connections (one request
    /// in flight on each), 8 rows per request, 2 s after each repetition, model load-default (100 inputs)`.
    public var sentence: String {
        let rows = "\(rowsPerRequest) row\(rowsPerRequest == 1 ? "" : "s") per request"
        guard source == Self.load else {
            return "the training's own HTTP requests during each repetition (\(rows), each timed from send to last byte, "
                + "RPS over the repetition's wall time)"
        }
        var text = "load generator, closed loop: \(connections ?? 0) connection\(connections == 1 ? "" : "s") (one request in flight on each), \(rows)"
        if let s = secondsPerRepetition { text += ", \(Self.seconds(s)) s after each repetition" }
        if let model { text += ", model \(model)" + (inputs.map { " (\($0) inputs)" } ?? "") }
        return text
    }

    /// Seconds as given: `2`, `0.5`, `1.25` (no padding to significant digits).
    static func seconds(_ s: Double) -> String {
        s == s.rounded() && abs(s) < 1e15 ? String(Int(s)) : String(s)
    }
}
