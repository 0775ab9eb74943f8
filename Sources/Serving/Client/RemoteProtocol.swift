/// Which HTTP API the remote backend speaks (`--protocol`).
public enum RemoteProtocol: String, Sendable, CaseIterable, Hashable, CustomStringConvertible {
    /// `GET /v2/health/ready` answering 200 means v2; else the dashboard API (`GET /healthz`).
    case auto
    /// This project's API: `POST /infer` with several models per request.
    case dashboard
    /// The Open Inference Protocol (KServe v2): `POST /v2/models/{name}/infer`, one model per request.
    case v2

    /// Parses an option value, with an error that lists the allowed values.
    public init(parsing text: String) throws(RemoteError) {
        guard let p = RemoteProtocol(rawValue: text.lowercased()) else {
            throw .client("--protocol: unknown value '\(text)'; expected one of \(RemoteProtocol.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = p
    }

    public var description: String { rawValue }
}

/// How v2 tensors travel (`--tensor-format`).
public enum TensorFormat: String, Sendable, CaseIterable, Hashable, CustomStringConvertible {
    /// Triton's binary tensor data extension: a JSON header, then raw little-endian FP32.
    case binary
    /// JSON numbers in `data`.
    case json

    public init(parsing text: String) throws(RemoteError) {
        guard let f = TensorFormat(rawValue: text.lowercased()) else {
            throw .client("--tensor-format: unknown value '\(text)'; expected one of \(TensorFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = f
    }

    public var description: String { rawValue }
}

/// How a generation's networks reach the server.
public enum ModelDelivery: Sendable, Hashable, CustomStringConvertible {
    /// The dashboard API: `PUT /v1/population`; v2: a load request with the file inline.
    case auto
    /// `PUT /v1/population` with the whole population (the dashboard API).
    case population
    /// The dashboard API against `dashboard serve`: models named by content id
    /// (`sha256:<hex>`, `Genome.contentID`), nothing uploaded up front; a server
    /// that lacks some answers 404 with `"missing"` and the request goes again
    /// with those networks inline. A network that did not change is never sent
    /// again to a server that has it, and any replica behind a load balancer can
    /// answer any request.
    case contentAddressed
    /// `POST /v2/repository/models/{name}/load` with the model file inline (Triton's form).
    case v2Load(ModelFileFormat)
    /// Files written under a folder the server watches, then `POST .../load` by name.
    case repository(directory: String, layout: RepositoryLayout)

    public var description: String {
        switch self {
        case .auto: return "auto"
        case .population: return "population upload"
        case .contentAddressed: return "content-addressed (sent inline when missing)"
        case .v2Load(let f): return "v2 load with \(f.fileName) inline"
        case .repository(let d, let l): return "\(l) repository \(d)"
        }
    }
}

extension ModelDelivery {
    /// Parses `--model-delivery` (dashboard API): auto, content or population.
    public init(parsingDashboard text: String) throws(RemoteError) {
        switch text.lowercased() {
        case "auto": self = .auto
        case "content": self = .contentAddressed
        case "population": self = .population
        default: throw .client("--model-delivery: unknown value '\(text)'; expected one of auto, content, population")
        }
    }
}

/// The model file a v2 load carries (`--model-format`).
public enum ModelFileFormat: String, Sendable, CaseIterable, Hashable, CustomStringConvertible {
    /// `file:1/model.onnx`: ONNX bytes (`onnxModel(for:)`), for Triton and the ONNX Runtime service.
    case onnx
    /// `file:1/model.json`: neat-python network JSON, for `dashboard serve`.
    case json

    public init(parsing text: String) throws(RemoteError) {
        guard let f = ModelFileFormat(rawValue: text.lowercased()) else {
            throw .client("--model-format: unknown value '\(text)'; expected one of \(ModelFileFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = f
    }

    /// The load parameter's file name after `file:`.
    public var fileName: String { self == .onnx ? "1/model.onnx" : "1/model.json" }
    public var description: String { rawValue }
}

/// How a server's model repository folder is laid out (`--repository-layout`).
public enum RepositoryLayout: String, Sendable, CaseIterable, Hashable, CustomStringConvertible {
    /// `NAME/model-settings.json` (runtime `mlserver_onnx.OnnxRuntimeModel`) and `NAME/model.onnx`.
    case mlserver
    /// `NAME/config.pbtxt` and `NAME/1/model.onnx`.
    case triton

    public init(parsing text: String) throws(RemoteError) {
        guard let l = RepositoryLayout(rawValue: text.lowercased()) else {
            throw .client("--repository-layout: unknown value '\(text)'; expected one of \(RepositoryLayout.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = l
    }

    public var description: String { rawValue }
}
