import Foundation
import Logging
import NIOCore
import Wire

/// Connects a load run to a server: decides the API, learns the model's input
/// width from the server's metadata, uploads a small default network when the
/// server has no model to answer, and builds the requests and the driver.
///
/// Dashboard API: `GET /v1/models` gives the default model and each model's
/// width; a server with no model at all, or without `load-default` when that is
/// the model asked for, gets `PUT /v1/models/load-default`.
/// Open Inference Protocol: `GET /v2/models/{name}` gives the first input's
/// name and width; when `--model` was not given (or is `load-default`) and
/// `load-default` is absent, it is loaded with
/// `POST /v2/repository/models/load-default/load` (the file inline, neat-python
/// JSON: what `dashboard serve` reads). With the protocol, model and width all
/// given, nothing is asked before the run.
public struct LoadSetup: Sendable {
    public var url: String
    public var `protocol`: RemoteProtocol = .auto
    public var tensorFormat: TensorFormat = .binary
    /// Model id (dashboard API) or name (v2); nil: the server's default, or the uploaded one.
    public var model: String?
    /// Floats per vector; nil: read from the server's metadata.
    public var inputs: Int?
    public var rows = 1
    public var connections = 16
    public var timeout: Duration = .seconds(5)
    public var connectTimeout: Duration = .seconds(2)

    public init(url: String) { self.url = url }

    /// The network uploaded when the server has none to answer (or when it is asked
    /// for by this name and missing): 100 inputs (the duel's observation) densely
    /// connected to 3 tanh outputs (its actions).
    public static let defaultModel = DefaultLoadModel.name
    public static let defaultModelInputs = DefaultLoadModel.inputs
    public static let defaultModelOutputs = DefaultLoadModel.outputs

    /// What `prepare` found and did.
    public struct Prepared {
        public let driver: LoadDriver
        /// The API as resolved, e.g. `v2 (binary tensors, ...)`.
        public let api: String
        public let model: String
        public let inputs: Int
        /// The default network was uploaded first.
        public let uploaded: Bool
        public let endpoint: String
    }

    /// Resolves the server, model and width, and builds the driver.
    ///
    /// - Throws: `RemoteError` naming the flag or the server's answer that was wrong.
    public func prepare() throws(RemoteError) -> Prepared {
        var configuration = RemoteConfiguration(serverURL: url)
        configuration.protocol = `protocol`
        configuration.tensorFormat = tensorFormat
        configuration.connectTimeout = connectTimeout
        configuration.retry = RetryPolicy(maxRetries: 2)
        let backend = try RemoteBackend(configuration: configuration, logger: Logger(label: "dashboard.load") { _ in SwiftLogNoOpLogHandler() })
        if `protocol` != .auto, let model, let inputs {
            // Everything is known: no request before the run (a server that is down shows as connect errors).
            let api: LoadRequests.API = `protocol` == .v2 ? .v2(tensorFormat) : .dashboard
            let requests = try LoadRequests(api: api, model: model, rows: rows, inputs: inputs, target: backend.target, baseURL: backend.baseURL)
            let driver = LoadDriver(target: backend.target, requests: requests, connections: connections, timeout: timeout)
            let name = `protocol` == .v2 ? "v2 (\(tensorFormat) tensors)" : "dashboard API"
            return Prepared(driver: driver, api: name, model: model, inputs: inputs, uploaded: false, endpoint: requests.endpoint)
        }
        let resolved = try backend.resolvedProtocol()
        let found = resolved.api == .v2 ? try v2Model(backend) : try dashboardModel(backend)
        let api: LoadRequests.API = resolved.api == .v2 ? .v2(resolved.tensorFormat) : .dashboard
        let requests = try LoadRequests(api: api, model: found.model, rows: rows, inputs: found.inputs, inputName: found.inputName,
                                        target: backend.target, baseURL: backend.baseURL)
        let driver = LoadDriver(target: backend.target, requests: requests, connections: connections, timeout: timeout)
        let name = resolved.api == .v2 ? "v2 (\(resolved.tensorFormat) tensors, server \(resolved.serverName))" : "dashboard API (server \(resolved.serverName))"
        return Prepared(driver: driver, api: name, model: found.model, inputs: found.inputs,
                        uploaded: found.uploaded, endpoint: requests.endpoint)
    }

    private struct Found { var model: String; var inputs: Int; var inputName = "input"; var uploaded = false }

    private func dashboardModel(_ backend: RemoteBackend) throws(RemoteError) -> Found {
        let answer = try backend.perform(ControlRequest(method: "GET", path: "/v1/models", acceptAnyStatus: true))
        let listing = (200..<300).contains(answer.status) ? Array(answer.body.utf8).withUnsafeBytes { ModelListing.parse($0) } : nil
        guard let listing else {
            guard let model, let inputs else {
                throw .client("GET \(backend.baseURL)/v1/models answered \(answer.status) without a model list: pass --model and --inputs")
            }
            return Found(model: model, inputs: inputs)
        }
        if let model, model == DefaultLoadModel.name, !listing.models.contains(where: { $0.id == model }) {
            return try uploadDefault(backend)
        }
        if let model {
            guard let width = inputs ?? listing.inputs(of: model) else {
                let names = listing.models.prefix(8).map(\.id).joined(separator: ", ")
                throw .client("--model \(model): the server has no such model (it has: \(names.isEmpty ? "none" : names)); leave --model out to use its default")
            }
            return Found(model: model, inputs: width)
        }
        if let id = listing.defaultID, let width = inputs ?? listing.inputs(of: id) { return Found(model: id, inputs: width) }
        if listing.models.isEmpty { return try uploadDefault(backend) }
        throw .client("the server at \(backend.baseURL) has models but no default: pass --model (one of \(listing.models.prefix(8).map(\.id).joined(separator: ", ")))")
    }

    /// `PUT /v1/models/load-default` (dashboard API).
    private func uploadDefault(_ backend: RemoteBackend) throws(RemoteError) -> Found {
        var body = ByteBuffer()
        body.writeString(DefaultLoadModel.json())
        _ = try backend.perform(ControlRequest(method: "PUT", path: "/v1/models/\(DefaultLoadModel.name)", body: body))
        return Found(model: DefaultLoadModel.name, inputs: inputs ?? DefaultLoadModel.inputs, uploaded: true)
    }

    private func v2Model(_ backend: RemoteBackend) throws(RemoteError) -> Found {
        let name = model ?? DefaultLoadModel.name
        guard LoadRequests.isSafeModelID(name) else { throw LoadRequests.badModelID(name) }
        var answer = try backend.perform(ControlRequest(method: "GET", path: "/v2/models/\(name)", acceptAnyStatus: true))
        var uploaded = false
        if answer.status == 404 && name == DefaultLoadModel.name {
            var body = ByteBuffer()
            body.writeStaticString("{\"parameters\":{\"config\":")
            JSONWriter.writeString(V2ModelConfig.json(name: name, format: .json), into: &body)
            body.writeStaticString(",\"file:1/model.json\":\"")
            body.writeString(Data(DefaultLoadModel.json().utf8).base64EncodedString())
            body.writeStaticString("\"}}")
            _ = try backend.perform(ControlRequest(method: "POST", path: "/v2/repository/models/\(name)/load", body: body))
            uploaded = true
            answer = try backend.perform(ControlRequest(method: "GET", path: "/v2/models/\(name)", acceptAnyStatus: true))
        }
        guard (200..<300).contains(answer.status) else {
            throw .client("--model \(name): GET \(backend.baseURL)/v2/models/\(name) answered \(answer.status): \(JSONField.errorMessage(in: answer.body))")
        }
        let meta = Array(answer.body.utf8).withUnsafeBytes { V2ModelMetadata.parse($0) }
        guard let width = inputs ?? meta?.width else {
            throw .client("GET \(backend.baseURL)/v2/models/\(name) names no input with a fixed last dimension: pass --inputs")
        }
        return Found(model: name, inputs: width, inputName: meta?.inputName ?? "input", uploaded: uploaded)
    }
}
