import Testing
@testable import Wire

@Suite struct V2ModelStatisticsTests {
    static func pair(_ c: String, _ ns: String) -> String { #"{"count":\#(c),"ns":\#(ns)}"# }

    /// One model entry in Triton's shape; `parts` overrides members of `inference_stats`.
    static func entry(name: String = "g3-0", version: String? = "1", parts: [String: String] = [:]) -> String {
        var stats: [(String, String)] = [("success", pair("12", "480000")), ("fail", pair("1", "900")), ("queue", pair("12", "24000")),
                                         ("compute_input", pair("12", "36000")), ("compute_infer", pair("12", "300000")),
                                         ("compute_output", pair("12", "60000")), ("cache_hit", pair("0", "0")), ("cache_miss", pair("0", "0"))]
        for (k, v) in parts {
            if let i = stats.firstIndex(where: { $0.0 == k }) { stats[i].1 = v } else { stats.append((k, v)) }
        }
        stats.removeAll { $0.1.isEmpty }
        let body = stats.map { #""\#($0.0)":\#($0.1)"# }.joined(separator: ",")
        let v = version.map { #""version":"\#($0)","# } ?? ""
        return #"{"name":"\#(name)",\#(v)"last_inference":1700000000000,"inference_count":96,"execution_count":12,"inference_stats":{\#(body)},"batch_stats":[{"batch_size":8,"compute_infer":{"count":12,"ns":300000}}],"memory_usage":[]}"#
    }

    static func body(_ entries: String...) -> String { #"{"model_stats":[\#(entries.joined(separator: ","))]}"# }

    func error(_ text: String) -> String? {
        do { _ = try V2ModelStatistics.parse(text); return nil } catch { return error.message }
    }

    @Test func readsTritonsFormat() throws {
        let s = try V2ModelStatistics.parse(Self.body(Self.entry()))
        let m = try #require(s.models.first)
        #expect(s.models.count == 1 && m.name == "g3-0" && m.version == "1")
        #expect(m.success == .init(count: 12, nanos: 480_000) && m.queue == .init(count: 12, nanos: 24_000))
        #expect(m.computeInput == .init(count: 12, nanos: 36_000) && m.computeInfer == .init(count: 12, nanos: 300_000))
        #expect(m.computeOutput == .init(count: 12, nanos: 60_000))
    }

    @Test func readsEveryVersionAndServersWithoutVersions() throws {
        let s = try V2ModelStatistics.parse(Self.body(Self.entry(version: "1"), Self.entry(version: "2"), Self.entry(name: "x", version: nil)))
        #expect(s.models.map(\.version) == ["1", "2", ""])
        #expect(try V2ModelStatistics.parse(#"{"model_stats":[]}"#).models.isEmpty)
        #expect(try V2ModelStatistics.parse(#" {"model_stats":[{"name":"m","version":null,"inference_stats":{"success":{"count":0,"ns":0},"queue":{"ns":0,"count":0},"compute_input":{"count":0,"ns":0},"compute_infer":{"count":0,"ns":0},"compute_output":{"count":0,"ns":0}}}]} "#).models[0].version == "")
    }

    @Test func readsTheLargest64BitCounters() throws {
        let max = "18446744073709551615"
        let s = try V2ModelStatistics.parse(Self.body(Self.entry(parts: ["compute_infer": Self.pair(max, max)])))
        #expect(s.models[0].computeInfer == .init(count: .max, nanos: .max))
    }

    @Test func refusesNumbersACounterCannotHold() {
        let cases: [(String, String)] = [
            (Self.pair("12", "18446744073709551616"), "model_stats[0].inference_stats.queue.ns: 18446744073709551616 does not fit a 64-bit unsigned integer"),
            (Self.pair("-1", "0"), "model_stats[0].inference_stats.queue.count: -1 is negative"),
            (Self.pair("1.5", "0"), "model_stats[0].inference_stats.queue.count: 1.5 is not a whole number"),
            (Self.pair("1", "2e3"), "model_stats[0].inference_stats.queue.ns: 2e3 is not a whole number"),
            (Self.pair("1", "1e999"), "model_stats[0].inference_stats.queue.ns: 1e999 is not a whole number"),
        ]
        for (value, message) in cases {
            #expect(error(Self.body(Self.entry(parts: ["queue": value]))) == "statistics: " + message)
        }
    }

    @Test func refusesWrongTypesNamingTheField() {
        #expect(error(Self.body(Self.entry(parts: ["queue": Self.pair("\"12\"", "0")])))?.hasPrefix("statistics: model_stats[0].inference_stats.queue.count must be a non-negative integer, found '\"12\"") == true)
        #expect(error(Self.body(Self.entry(parts: ["compute_infer": "[1, 2]"])))?.hasPrefix("statistics: model_stats[0].inference_stats.compute_infer must be an object") == true)
        #expect(error(Self.body(Self.entry(parts: ["queue": Self.pair("null", "0")])))?.contains("queue.count must be a non-negative integer") == true)
        #expect(error(#"{"model_stats":{"name":"m"}}"#)?.hasPrefix("statistics: model_stats must be an array") == true)
        #expect(error(#"{"model_stats":[7]}"#)?.hasPrefix("statistics: model_stats[0] must be an object") == true)
        #expect(error(#"{"model_stats":[{"name":5}]}"#)?.hasPrefix("statistics: model_stats[0].name must be a string") == true)
        #expect(error(#"{"model_stats":[{"name":"m","version":1}]}"#)?.hasPrefix("statistics: model_stats[0].version must be a string") == true)
        #expect(error(#"[1]"#)?.hasPrefix("statistics: the body must be a JSON object") == true)
        #expect(error(#"{"model_stats":[]} x"#)?.contains("end of body") == true)
        #expect(error(#"{"model_stats":[{"name":"m""#)?.contains("malformed JSON") == true)
    }

    @Test func refusesMissingMembersNamingThem() {
        #expect(error(#"{"error":"unknown model"}"#) == #"statistics: no "model_stats" array in the body"#)
        #expect(error(#"{"model_stats":[{"version":"1"}]}"#) == #"statistics: model_stats[0] has no "name""#)
        #expect(error(#"{"model_stats":[{"name":"m"}]}"#) == #"statistics: model_stats[0] (model 'm') has no "inference_stats""#)
        for part in ["success", "queue", "compute_input", "compute_infer", "compute_output"] {
            #expect(error(Self.body(Self.entry(parts: [part: ""]))) == #"statistics: model_stats[0].inference_stats (model 'g3-0') has no "\#(part)""#)
        }
        #expect(error(Self.body(Self.entry(parts: ["queue": #"{"count":1}"#]))) == #"statistics: model_stats[0].inference_stats.queue has no "ns""#)
        #expect(error(Self.body(Self.entry(parts: ["queue": #"{"ns":1}"#]))) == #"statistics: model_stats[0].inference_stats.queue has no "count""#)
    }

    @Test func hostileBodiesAreRefusedNotCrashed() {
        let deep = String(repeating: "[", count: 10_000)
        #expect(error(#"{"model_stats":[{"name":"m","x":\#(deep)}]}"#)?.contains("nesting deeper") == true)
        #expect(error("") != nil)
        #expect(error("{\"model_stats\":[{\"name\":\"\u{0}\"") != nil)
    }
}
