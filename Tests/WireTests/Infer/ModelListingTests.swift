import Testing
@testable import Wire

@Suite struct ModelListingTests {
    func parse(_ text: String) -> ModelListing? { Array(text.utf8).withUnsafeBytes { ModelListing.parse($0) } }

    @Test func readsTheDefaultAndEachModelsWidth() {
        let text = #"{"default":"b","models":[{"id":"a","inputs":4,"outputs":2,"nodes":3,"population":false,"default":false},{"id":"b","inputs":100,"outputs":3}]}"#
        let listing = parse(text)
        #expect(listing == ModelListing(defaultID: "b", models: [("a", 4), ("b", 100)]))
        #expect(listing?.inputs(of: "b") == 100 && listing?.inputs(of: "c") == nil)
        #expect(parse(#"{"default":null,"models":[]}"#) == ModelListing(defaultID: nil, models: []))
    }

    @Test func skipsModelsWithoutAUsableWidth() {
        let text = #"{"models":[{"id":"neg","inputs":-1},{"id":"frac","inputs":2.5},{"id":"big","inputs":1e30},{"id":"str","inputs":"4"},{"inputs":4},"x",{"id":"ok","inputs":7}]}"#
        #expect(parse(text)?.models.map(\.id) == ["ok"])
    }

    @Test func refusesWhatIsNotAListing() {
        for bad in ["", "[]", "{", #"{"models":[{"id":"a","inputs":4}"#, #"{"default":"a"} trailing"#, "null"] {
            #expect(parse(bad) == nil, "\(bad)")
        }
    }
}
