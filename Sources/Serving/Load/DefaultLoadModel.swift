import Engine

/// The network `dashboard load` uploads when the server has none to answer:
/// 100 inputs densely connected to 3 tanh outputs (the benchmark model of the
/// server's load tests), seeded weights, in neat-python network JSON (format 1.0).
enum DefaultLoadModel {
    static let name = "load-default"
    static let inputs = 100
    static let outputs = 3

    /// The network document; the same bytes on every call.
    static func json() -> String {
        var rng = Xoshiro256(seed: 7)
        func uniform(_ lo: Double, _ hi: Double) -> String { String(lo + (hi - lo) * rng.nextUnit()) }
        let fn = { (name: String) in "{\"name\":\"\(name)\",\"custom\":false}" }
        var nodes: [String] = []
        for i in 0..<inputs {
            nodes.append("{\"id\":\(-1 - i),\"type\":\"input\",\"activation\":\(fn("identity")),\"aggregation\":\(fn("none")),\"bias\":0.0,\"response\":1.0}")
        }
        for o in 0..<outputs {
            nodes.append("{\"id\":\(o),\"type\":\"output\",\"activation\":\(fn("tanh")),\"aggregation\":\(fn("sum")),\"bias\":\(uniform(-0.5, 0.5)),\"response\":1.0}")
        }
        var connections: [String] = []
        for o in 0..<outputs {
            for i in 0..<inputs { connections.append("{\"from\":\(-1 - i),\"to\":\(o),\"weight\":\(uniform(-1, 1)),\"enabled\":true}") }
        }
        let inputKeys = (0..<inputs).map { String(-1 - $0) }.joined(separator: ",")
        let outputKeys = (0..<outputs).map(String.init).joined(separator: ",")
        return "{\"format_version\":\"1.0\",\"network_type\":\"feedforward\",\"metadata\":{\"note\":\"dashboard load default model\"},"
            + "\"topology\":{\"num_inputs\":\(inputs),\"num_outputs\":\(outputs),\"input_keys\":[\(inputKeys)],\"output_keys\":[\(outputKeys)]},"
            + "\"nodes\":[\(nodes.joined(separator: ","))],\"connections\":[\(connections.joined(separator: ","))]}"
    }
}
