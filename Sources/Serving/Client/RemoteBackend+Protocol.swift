import Wire

/// The API, tensor format and model delivery chosen for a server, once.
public struct ResolvedProtocol: Sendable, Equatable, CustomStringConvertible {
    /// `.dashboard` or `.v2` (never `.auto`).
    public var api: RemoteProtocol
    /// How v2 tensors travel (`.json` for the dashboard API, whose bodies are JSON).
    public var tensorFormat: TensorFormat
    /// How networks reach the server (never `.auto`).
    public var delivery: ModelDelivery
    /// The server's own name: `/healthz`'s `"server"`, or `GET /v2`'s `"name"`.
    public var serverName: String

    public var description: String {
        api == .v2 ? "v2 (\(tensorFormat) tensors, \(delivery), server \(serverName))" : "dashboard API (\(delivery), server \(serverName))"
    }
}

extension RemoteBackend {
    /// Which server this is for the dashboard API: the configured kind, or (for
    /// `.auto`) the `"server"` field of `GET /healthz`, asked once and remembered.
    ///
    /// - Throws: `RemoteError` if the server cannot be reached or names an unknown kind.
    public func serverKind() throws(RemoteError) -> ServerKind {
        if let kind = state.withLock({ $0.kind }) { return kind }
        let endpoint = "GET \(baseURL)/healthz"
        let body = try perform(ControlRequest(method: "GET", path: "/healthz")).body
        guard let name = JSONField.string("server", in: body) else {
            throw .badResponse(endpoint: endpoint, message: "expected a JSON object with a \"server\" field (\"dashboard\" or \"onnxruntime\"), received '\(body.prefix(200))'")
        }
        guard let kind = ServerKind(rawValue: name), kind != .auto else {
            throw .badResponse(endpoint: endpoint, message: "unknown server \"\(name)\"; expected \"dashboard\" or \"onnxruntime\" (or pass --server-kind)")
        }
        state.withLock { $0.kind = kind }
        logger.debug("remote server kind", metadata: ["url": "\(baseURL)", "kind": "\(kind)"])
        return kind
    }

    /// The protocol in use, decided once: `--protocol`, or for `auto`
    /// `GET /v2/health/ready` (200: v2) else the dashboard API. For v2, binary
    /// tensors are sent only when `GET /v2` lists `binary_tensor_data` (MLServer
    /// does not: it gets JSON tensors).
    public func resolvedProtocol() throws(RemoteError) -> ResolvedProtocol {
        if let r = state.withLock({ $0.resolved }) { return r }
        var api = configuration.protocol
        if api == .auto && configuration.serverKind != .auto { api = .dashboard }  // --server-kind names a dashboard-API server
        if api == .auto {
            let ready = try perform(ControlRequest(method: "GET", path: "/v2/health/ready", acceptAnyStatus: true))
            api = ready.status == 200 ? .v2 : .dashboard
        }
        let resolved: ResolvedProtocol
        if api == .dashboard {
            let kind = try serverKind()
            let delivery: ModelDelivery
            switch configuration.delivery {
            case .auto: delivery = kind == .dashboard ? .contentAddressed : .population
            case .population: delivery = .population
            case .contentAddressed:
                guard kind == .dashboard else {
                    throw .client("--model-delivery content needs dashboard serve; the \(kind) server takes PUT /v1/population only")
                }
                delivery = .contentAddressed
            default: throw .client("--protocol dashboard delivers networks by content id or with PUT /v1/population; \(configuration.delivery) needs --protocol v2")
            }
            resolved = ResolvedProtocol(api: .dashboard, tensorFormat: .json, delivery: delivery, serverName: kind.rawValue)
        } else {
            resolved = try resolveV2()
        }
        state.withLock { $0.resolved = resolved }
        observer?.protocolResolved(resolved)
        logger.notice("remote inference: \(resolved) at \(baseURL)")
        return resolved
    }

    private func resolveV2() throws(RemoteError) -> ResolvedProtocol {
        let endpoint = "GET \(baseURL)/v2"
        let body = try perform(ControlRequest(method: "GET", path: "/v2")).body
        guard let meta = V2ServerMetadata.parse(body) else {
            throw .badResponse(endpoint: endpoint, message: "expected the v2 server metadata object {\"name\", \"version\", \"extensions\"}, received '\(body.prefix(200))'")
        }
        var format = configuration.tensorFormat
        if format == .binary && !meta.extensions.contains("binary_tensor_data") {
            logger.notice("\(meta.name) does not list the binary_tensor_data extension: sending JSON tensors")
            format = .json
        }
        statistics.serverLists(statistics: meta.extensions.contains("statistics"))
        var delivery = configuration.delivery
        switch delivery {
        case .auto: delivery = .v2Load(meta.name == "dashboard" ? .json : .onnx)
        case .population: throw .client("--protocol v2 cannot use PUT /v1/population; use a v2 load or --model-repository")
        case .contentAddressed: throw .client("--protocol v2 cannot name models by content id; use --protocol dashboard with dashboard serve")
        case .v2Load, .repository: break
        }
        return ResolvedProtocol(api: .v2, tensorFormat: format, delivery: delivery, serverName: meta.name)
    }
}
