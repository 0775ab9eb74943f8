/// neat-python's network JSON format (`neat.export.export_network_json`, format 1.0), as Codable values.
///
/// ```json
/// { "format_version": "1.0", "network_type": "feedforward",
///   "metadata": { "genome_id": 7, "fitness": 3.95 },
///   "topology": { "num_inputs": 2, "num_outputs": 1, "input_keys": [-1, -2], "output_keys": [0] },
///   "nodes": [ { "id": 0, "type": "output", "activation": { "name": "sigmoid", "custom": false },
///                "aggregation": { "name": "sum", "custom": false }, "bias": 0.1, "response": 1.0 },
///              { "id": -1, "type": "input", ... } ],
///   "connections": [ { "from": -1, "to": 0, "weight": 0.5, "enabled": true } ] }
/// ```
///
/// neat-python writes the evaluated nodes of a `FeedForwardNetwork` (its
/// phenotype: only nodes an output needs, only enabled connections) followed by
/// the input nodes. This engine's export writes the whole genome instead: every
/// node, disabled connections with `"enabled": false`, and an extra
/// `"innovation"` per connection so that a genome survives the round trip
/// exactly. neat-python's own validator ignores the extra field.
///
/// An activation or aggregation may also be written as a plain string
/// (`"activation": "sigmoid"`); it is read as a built-in function.
public struct NeatPythonNetwork: Sendable, Equatable, Codable {
    /// The only format version there is.
    public static let formatVersion = "1.0"

    /// A function reference: its name and whether it is one of neat-python's built-ins.
    public struct Function: Sendable, Equatable, Codable {
        public var name: String
        public var custom: Bool

        public init(name: String, custom: Bool = false) {
            self.name = name
            self.custom = custom
        }

        public init(from decoder: any Decoder) throws {
            if let single = try? decoder.singleValueContainer(), let name = try? single.decode(String.self) {
                self.init(name: name)
                return
            }
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(name: try c.decode(String.self, forKey: .name),
                      custom: try c.decodeIfPresent(Bool.self, forKey: .custom) ?? false)
        }
    }

    public struct Node: Sendable, Equatable, Codable {
        public enum Kind: String, Sendable, Equatable, Codable { case input, hidden, output }
        public var id: Int
        public var type: Kind
        public var activation: Function
        public var aggregation: Function
        public var bias: Double
        public var response: Double

        public init(id: Int, type: Kind, activation: Function, aggregation: Function, bias: Double, response: Double) {
            self.id = id; self.type = type; self.activation = activation
            self.aggregation = aggregation; self.bias = bias; self.response = response
        }
    }

    public struct Connection: Sendable, Equatable, Codable {
        public var from: Int
        public var to: Int
        public var weight: Double
        public var enabled: Bool
        /// This engine's extension: the gene's historical marking (absent in neat-python's files).
        public var innovation: Int?

        public init(from: Int, to: Int, weight: Double, enabled: Bool, innovation: Int? = nil) {
            self.from = from; self.to = to; self.weight = weight; self.enabled = enabled; self.innovation = innovation
        }
    }

    public struct Topology: Sendable, Equatable, Codable {
        public var numInputs: Int
        public var numOutputs: Int
        public var inputKeys: [Int]
        public var outputKeys: [Int]

        public init(numInputs: Int, numOutputs: Int) {
            self.numInputs = numInputs
            self.numOutputs = numOutputs
            inputKeys = (0..<numInputs).map { -1 - $0 }
            outputKeys = Array(0..<numOutputs)
        }

        enum CodingKeys: String, CodingKey {
            case numInputs = "num_inputs", numOutputs = "num_outputs", inputKeys = "input_keys", outputKeys = "output_keys"
        }
    }

    /// The metadata fields this engine reads and writes (others are ignored on import).
    public struct Metadata: Sendable, Equatable, Codable {
        public var createdTimestamp: String?
        public var neatPythonVersion: String?
        public var fitness: Double?
        public var generation: Int?
        public var genomeID: Int?

        public init(createdTimestamp: String? = nil, neatPythonVersion: String? = nil, fitness: Double? = nil,
                    generation: Int? = nil, genomeID: Int? = nil) {
            self.createdTimestamp = createdTimestamp; self.neatPythonVersion = neatPythonVersion
            self.fitness = fitness; self.generation = generation; self.genomeID = genomeID
        }

        enum CodingKeys: String, CodingKey {
            case createdTimestamp = "created_timestamp", neatPythonVersion = "neat_python_version"
            case fitness, generation, genomeID = "genome_id"
        }
    }

    public var formatVersion: String
    public var networkType: String
    public var metadata: Metadata
    public var topology: Topology
    public var nodes: [Node]
    public var connections: [Connection]

    public init(formatVersion: String = NeatPythonNetwork.formatVersion, networkType: String = "feedforward",
                metadata: Metadata, topology: Topology, nodes: [Node], connections: [Connection]) {
        self.formatVersion = formatVersion; self.networkType = networkType; self.metadata = metadata
        self.topology = topology; self.nodes = nodes; self.connections = connections
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", networkType = "network_type"
        case metadata, topology, nodes, connections
    }
}
