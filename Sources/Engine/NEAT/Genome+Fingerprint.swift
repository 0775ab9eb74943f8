extension Genome {
    /// A short hash of the genome's structure and exact weights (FNV-1a over the
    /// genes' bit patterns): equal fingerprints mean the same network, for
    /// comparing runs (CPU vs remote, 1 vs N threads) from their output alone.
    public var fingerprint: String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ v: UInt64) { h = (h ^ v) &* 0x0000_0100_0000_01B3 }
        for n in nodes {
            mix(UInt64(bitPattern: Int64(n.id))); mix(n.bias.bitPattern); mix(n.response.bitPattern)
            for b in n.activation.rawValue.utf8 { mix(UInt64(b)) }
        }
        for c in connections {
            mix(UInt64(bitPattern: Int64(c.innovation))); mix(UInt64(bitPattern: Int64(c.from))); mix(UInt64(bitPattern: Int64(c.to)))
            mix(c.weight.bitPattern); mix(c.enabled ? 1 : 0)
        }
        return String(h, radix: 16)
    }
}
