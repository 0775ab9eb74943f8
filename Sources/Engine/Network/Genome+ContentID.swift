extension Genome {
    /// The prefix of every content-addressed model id.
    public static let contentIDPrefix = "sha256:"

    /// `sha256:<64 hex digits>` of `canonicalNetworkBytes()`: the model id that
    /// names this network by what it computes, so a client and any server
    /// replica agree on it without coordinating, and a genome that did not change
    /// between generations keeps it.
    public var contentID: String {
        Self.contentIDPrefix + SHA256.hash(canonicalNetworkBytes()).hex
    }

    /// Whether `id` has the shape of a content id (`sha256:` and 64 lower-case hex digits).
    public static func isContentID(_ id: String) -> Bool {
        let u = id.utf8
        guard u.count == contentIDPrefix.utf8.count + 64, id.hasPrefix(contentIDPrefix) else { return false }
        return u.dropFirst(contentIDPrefix.utf8.count).allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// Everything evaluation depends on, in a fixed binary form: the input and
    /// output counts; every node by ascending id (id, activation and aggregation
    /// names, bias and response as IEEE-754 bit patterns); every *enabled*
    /// connection by ascending (to, from) with its weight's bit pattern.
    ///
    /// Left out because evaluation ignores them: gene order, innovation numbers,
    /// disabled connections, the genome id and fitness. So the same network
    /// written with its keys in any order, or its numbers spelled differently
    /// (`0.5`, `5e-1`), encodes the same; any change to a weight, bias,
    /// function or connection changes the bytes. Integers are little-endian Int64,
    /// names length-prefixed.
    public func canonicalNetworkBytes() -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(32 + nodes.count * 48 + connections.count * 24)
        func int(_ v: Int) { withUnsafeBytes(of: Int64(v).littleEndian) { out.append(contentsOf: $0) } }
        func bits(_ v: Double) { withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
        func name(_ s: String) { int(s.utf8.count); out.append(contentsOf: s.utf8) }
        out.append(contentsOf: "neat-feedforward-1".utf8)
        int(numInputs); int(numOutputs)
        let sortedNodes = nodes.sorted { $0.id < $1.id }
        int(sortedNodes.count)
        for n in sortedNodes {
            int(n.id); name(n.activation.name); name(n.aggregation.name); bits(n.bias); bits(n.response)
        }
        let enabled = connections.filter(\.enabled).sorted { ($0.to, $0.from) < ($1.to, $1.from) }
        int(enabled.count)
        for c in enabled { int(c.from); int(c.to); bits(c.weight) }
        return out
    }
}
