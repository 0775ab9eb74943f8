/// Which HTTP API the remote backend speaks (`--protocol`).
public enum RemoteProtocol: String, Sendable, Hashable, OptionValue {
    public static let optionName = "--protocol"

    /// `GET /v2/health/ready` answering 200 means v2; else the dashboard API (`GET /healthz`).
    case auto
    /// This project's API: `POST /infer` with several models per request.
    case dashboard
    /// The Open Inference Protocol (KServe v2): `POST /v2/models/{name}/infer`, one model per request.
    case v2
}

/// How v2 tensors travel (`--tensor-format`).
public enum TensorFormat: String, Sendable, Hashable, OptionValue {
    public static let optionName = "--tensor-format"

    /// Triton's binary tensor data extension: a JSON header, then raw little-endian FP32.
    case binary
    /// JSON numbers in `data`.
    case json
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
public enum ModelFileFormat: String, Sendable, Hashable, OptionValue {
    public static let optionName = "--model-format"

    /// `file:1/model.onnx`: ONNX bytes (`onnxModel(for:)`), for Triton and the ONNX Runtime service.
    case onnx
    /// `file:1/model.json`: neat-python network JSON, for `dashboard serve`.
    case json


    /// The load parameter's file name after `file:`.
    public var fileName: String { self == .onnx ? "1/model.onnx" : "1/model.json" }
}

/// How a server's model repository folder is laid out (`--repository-layout`).
public enum RepositoryLayout: String, Sendable, Hashable, OptionValue {
    public static let optionName = "--repository-layout"

    /// `NAME/model-settings.json` (runtime `mlserver_onnx.OnnxRuntimeModel`) and `NAME/model.onnx`.
    case mlserver
    /// `NAME/config.pbtxt` and `NAME/1/model.onnx`.
    case triton
}
