import ArgumentParser
import Serving

/// The remote backend's protocol, tensor format, model delivery and
/// connection options, shared by the monitor and `train`.
struct RemoteOptions: ParsableArguments {
    @Option(name: .customLong("protocol"), help: "Remote mode: auto (GET /v2/health/ready answering 200 means v2, else the dashboard API), dashboard or v2 (Open Inference Protocol).")
    var protocolName: String = "auto"

    @Option(name: .customLong("tensor-format"), help: "v2: binary (Triton's binary tensor extension; JSON when the server does not list it) or json.")
    var tensorFormat: String = "binary"

    @Option(name: .customLong("model-repository"), help: "v2: write each generation's networks into this folder (the server's model repository), then load them by name.")
    var modelRepository: String?

    @Option(name: .customLong("repository-layout"), help: "v2 with --model-repository: mlserver (NAME/model-settings.json, NAME/model.onnx) or triton (NAME/config.pbtxt, NAME/1/model.onnx).")
    var repositoryLayout: String = "mlserver"

    @Option(name: .customLong("model-format"), help: "v2 load with the file in the request: onnx (file:1/model.onnx) or json (file:1/model.json, neat-python network JSON); default json for dashboard serve, else onnx.")
    var modelFormat: String?

    @Option(name: .customLong("model-delivery"), help: "Dashboard API: auto (content against a dashboard serve at --server-url; population for the built-in server and other servers), content (models named by sha256 content id, networks sent inline only when a server lacks them: works behind a load balancer) or population (PUT /v1/population each generation).")
    var modelDelivery: String = "auto"

    @Option(name: .customLong("connections"), help: "Remote mode: keep-alive connections per worker thread, at most --concurrency; the requests in flight are pipelined over them (default 1: every request pipelined on one connection).")
    var connections: Int?

    /// Copies the options into `settings`, checking every value.
    func apply(to settings: inout InferenceSetup.Settings) throws {
        do {
            settings.protocol = try RemoteProtocol(parsing: protocolName)
            settings.tensorFormat = try TensorFormat(parsing: tensorFormat)
            let layout = try RepositoryLayout(parsing: repositoryLayout)
            let format = try modelFormat.map { f throws(RemoteError) in try ModelFileFormat(parsing: f) }
            if let dir = modelRepository {
                guard !dir.isEmpty else { throw ValidationError("--model-repository needs a folder") }
                if format != nil { throw ValidationError("--model-format applies to loads with the file in the request, not to --model-repository") }
                settings.delivery = .repository(directory: dir, layout: layout)
            } else if let format {
                settings.delivery = .v2Load(format)
            }
            let dashboardDelivery = try ModelDelivery(parsingDashboard: modelDelivery)
            if dashboardDelivery != .auto {
                if modelRepository != nil || format != nil {
                    throw ValidationError("--model-delivery \(modelDelivery) is for the dashboard API; it cannot be combined with --model-repository or --model-format")
                }
                settings.delivery = dashboardDelivery
            }
        } catch let e as RemoteError {
            throw ValidationError(e.description)
        }
        if let c = connections {
            guard (1...1024).contains(c) else { throw ValidationError("--connections must be between 1 and 1024 (got \(c))") }
        }
        settings.connections = connections
    }

    /// Whether any option differs from its default (they need --mode remote).
    var isCustomised: Bool {
        protocolName != "auto" || tensorFormat != "binary" || modelRepository != nil || repositoryLayout != "mlserver"
            || modelFormat != nil || connections != nil || modelDelivery != "auto"
    }
}
