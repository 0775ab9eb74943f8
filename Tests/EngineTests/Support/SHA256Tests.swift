import Engine
import Testing

/// FIPS 180-4 vectors and lengths around the padding boundaries (55, 56, 64, 119 bytes).
@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (String(repeating: "a", count: 55), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (String(repeating: "a", count: 56), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (String(repeating: "a", count: 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (String(repeating: "a", count: 119), "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
    ])
    func knownDigests(input: String, hex: String) {
        #expect(SHA256.hash(Array(input.utf8)).hex == hex)
    }

    @Test func updatesInPiecesEqualOneUpdate() {
        let bytes = (0..<1280).map { UInt8($0 % 256) }
        var h = SHA256()
        h.update(bytes[0..<3]); h.update(bytes[3..<200]); h.update(bytes[200...])
        #expect(h.finalize().hex == "d414b085826eb06778483ba35564dc849e643359f69ed9747878ba6e54985bed")
        #expect(SHA256.hash(bytes).hex == "d414b085826eb06778483ba35564dc849e643359f69ed9747878ba6e54985bed")
    }
}
