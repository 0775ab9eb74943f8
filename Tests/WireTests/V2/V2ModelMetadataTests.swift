import Testing
@testable import Wire

@Suite struct V2ModelMetadataTests {
    func parse(_ text: String) -> V2ModelMetadata? { Array(text.utf8).withUnsafeBytes { V2ModelMetadata.parse($0) } }

    @Test func readsTheFirstInputsNameAndWidth() {
        let text = #"{"name":"m","versions":["1"],"platform":"dashboard_neat","inputs":[{"name":"x","datatype":"FP32","shape":[-1,100]},{"name":"y","datatype":"FP32","shape":[-1,2]}],"outputs":[{"name":"output","datatype":"FP32","shape":[-1,3]}]}"#
        let meta = parse(text)
        #expect(meta == V2ModelMetadata(name: "m", inputName: "x", datatype: "FP32", shape: [-1, 100]))
        #expect(meta?.width == 100)
    }

    @Test func aVariableOrOddLastDimensionHasNoWidth() {
        #expect(parse(#"{"name":"m","inputs":[{"name":"x","datatype":"FP32","shape":[-1,-1]}]}"#)?.width == nil)
        #expect(parse(#"{"name":"m","inputs":[{"name":"x","datatype":"FP32","shape":[1,0.5]}]}"#)?.width == nil)
        #expect(parse(#"{"name":"m","inputs":[{"name":"x","datatype":"FP32","shape":[]}]}"#)?.width == nil)
        #expect(parse(#"{"name":"m","inputs":[{"name":"x","datatype":"FP32","shape":[-7,4]}]}"#)?.shape == [nil, 4])
    }

    @Test func refusesMetadataWithoutAnInput() {
        for bad in ["", "{}", #"{"name":"m","inputs":[]}"#, #"{"name":"m","inputs":[{"datatype":"FP32"}]}"#, #"{"name":"m","inputs":[1]}"#, #"{"name":"m","inputs":[{"name":"x"}]"#] {
            #expect(parse(bad) == nil, "\(bad)")
        }
    }
}
