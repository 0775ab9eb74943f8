import Engine
import Logging
import NIOCore
import Testing
@testable import Serving
import Wire

/// `POST /infer` naming networks by content id: 404 with `"missing"`, the resend
/// with `"networks"` inline, the cache, the hash check, and the limits.
@Suite struct ContentAddressedInferTests {
    let a = ServerTestSupport.dense(inputs: 3, outputs: 2, seed: 1)
    let b = ServerTestSupport.hidden()

    func routes(cacheBytes: Int = 1 << 20, limits: ServerLimits = .standard) -> ServerRoutes {
        let metrics = ServerMetrics()
        return ServerRoutes(registry: ModelRegistry(), decoder: .neatPython, metrics: metrics,
                            log: RequestLog(logger: Logger(label: "test"), level: .debug, metrics: metrics), limits: limits,
                            cache: ModelCache(capacityBytes: cacheBytes))
    }

    func post(_ routes: ServerRoutes, _ body: String) -> ServerResponse {
        ServerTestSupport.call(routes, "POST", "/infer", body: body)
    }

    func body(models: [Genome], inline: [Genome] = [], rows: [[Float]]? = nil) -> String {
        let rows = rows ?? models.map { g in (0..<g.numInputs).map { Float($0) * 0.25 - 0.5 } }
        var s = "{\"inputs\":[" + rows.map { "[" + $0.map { "\($0)" }.joined(separator: ",") + "]" }.joined(separator: ",") + "]"
        s += ",\"models\":[" + models.map { "\"\($0.contentID)\"" }.joined(separator: ",") + "]"
        if !inline.isEmpty {
            s += ",\"networks\":{" + inline.map { "\"\($0.contentID)\":\($0.neatPythonCompactJSON())" }.joined(separator: ",") + "}"
        }
        return s + "}"
    }

    @Test func unknownContentIdsAre404ListingEveryMissingOneOnce() throws {
        let r = routes()
        let response = post(r, body(models: [a, b, a]))
        #expect(response.status.code == 404)
        let missing = response.body.withUnsafeReadableBytes { MissingNetworks.parse($0) }
        #expect(missing == [a.contentID, b.contentID])
        #expect(ServerTestSupport.errorMessage(response.body)?.contains("resend the request with them in \"networks\"") == true)
    }

    @Test func networksSentInlineAreUsedCachedAndServeLaterRequests() throws {
        let r = routes()
        let first = post(r, body(models: [a, b], inline: [a, b]))
        #expect(first.status.code == 200)
        let rows: [[Float]] = [[-0.5, -0.25, 0], [-0.5, -0.25]]
        #expect(ServerTestSupport.matrix(first.body) == [ServerTestSupport.reference(a, rows[0]), ServerTestSupport.reference(b, rows[1])])
        let again = post(r, body(models: [b, a], rows: [rows[1], rows[0]]))
        #expect(again.status.code == 200)
        #expect(ServerTestSupport.matrix(again.body) == [ServerTestSupport.reference(b, rows[1]), ServerTestSupport.reference(a, rows[0])])
        // "model" (one id for every row) is looked up the same way.
        let single = post(r, "{\"inputs\":[[1,2,3]],\"model\":\"\(a.contentID)\"}")
        #expect(single.status.code == 200)
    }

    @Test func aNetworkThatDoesNotMatchItsIdIsRefusedAndNotCached() throws {
        let r = routes()
        let forged = "{\"inputs\":[[1,2,3]],\"model\":\"\(a.contentID)\",\"networks\":{\"\(a.contentID)\":\(ServerTestSupport.dense(inputs: 3, outputs: 2, seed: 2).neatPythonCompactJSON())}}"
        let response = post(r, forged)
        #expect(response.status.code == 400)
        #expect(ServerTestSupport.errorMessage(response.body)?.contains("does not match its id") == true)
        #expect(post(r, body(models: [a])).status.code == 404)
    }

    @Test func inlineNetworksPassTheUploadChecksAndLimits() throws {
        var limits = ServerLimits.standard
        limits.network.maxConnections.value = 3
        let r = routes(limits: limits)
        let tooBig = post(r, body(models: [a], inline: [a]))   // a has 6 connections
        #expect(tooBig.status.code == 413)
        #expect(ServerTestSupport.errorMessage(tooBig.body)?.contains("--max-connections") == true)
        let badKey = post(routes(), "{\"inputs\":[[1]],\"networks\":{\"g1-0\":{}}}")
        #expect(badKey.status.code == 400)
        #expect(ServerTestSupport.errorMessage(badKey.body)?.contains("not a content id") == true)
        let junk = post(routes(), "{\"inputs\":[[1,2,3]],\"model\":\"\(a.contentID)\",\"networks\":{\"\(a.contentID)\":{\"nodes\":5}}}")
        #expect(junk.status.code == 400)
    }

    @Test func anEvictedNetworkIsAskedForAgainAndRefetched() throws {
        let cost = try ServedModel(id: a.contentID, genome: a).estimatedBytes
        let r = routes(cacheBytes: cost + 10)   // room for one of them
        #expect(post(r, body(models: [a], inline: [a])).status.code == 200)
        #expect(post(r, body(models: [b], inline: [b])).status.code == 200)   // evicts a
        let response = post(r, body(models: [a, b]))
        #expect(response.status.code == 404)
        #expect(response.body.withUnsafeReadableBytes { MissingNetworks.parse($0) } == [a.contentID])
        #expect(post(r, body(models: [a, b], inline: [a])).status.code == 200)
    }

    @Test func networksPutAheadServeLaterRequests() throws {
        let r = routes()
        let body = "{\"networks\":{\"\(a.contentID)\":\(a.neatPythonCompactJSON()),\"\(b.contentID)\":\(b.neatPythonCompactJSON())}}"
        let put = ServerTestSupport.call(r, "PUT", "/v1/networks", body: body)
        #expect(put.status.code == 200 && ServerTestSupport.text(put.body) == "{\"cached\":2,\"networks\":2}")
        #expect(post(r, self.body(models: [a, b])).status.code == 200)
        let forged = "{\"networks\":{\"\(a.contentID)\":\(b.neatPythonCompactJSON())}}"
        #expect(ServerTestSupport.call(r, "PUT", "/v1/networks", body: forged).status.code == 400)
        let wrongKey = ServerTestSupport.call(r, "PUT", "/v1/networks", body: "{\"models\":{}}")
        #expect(wrongKey.status.code == 400 && ServerTestSupport.errorMessage(wrongKey.body)?.contains("expected \"networks\"") == true)
        #expect(ServerTestSupport.call(r, "POST", "/v1/networks", body: body).status.code == 405)
    }

    @Test func theCacheShowsInTheMetrics() throws {
        let metrics = ServerMetrics()
        let r = ServerRoutes(registry: ModelRegistry(), decoder: .neatPython, metrics: metrics,
                             log: RequestLog(logger: Logger(label: "test"), level: .debug, metrics: metrics), limits: .standard,
                             cache: ModelCache(capacityBytes: 1 << 20, onChange: { metrics.setModelCache($0) }))
        #expect(post(r, body(models: [a, b], inline: [a, b])).status.code == 200)
        let text = String(buffer: metrics.render())
        #expect(text.contains("dashboard_model_cache_networks 2"))
        #expect(text.contains("dashboard_model_cache_inserted_total 2"))
        #expect(text.contains("dashboard_model_cache_evictions_total 0"))
    }

    @Test func plainUnknownIdsStayAPlain404() {
        let response = post(routes(), "{\"inputs\":[[1]],\"model\":\"g1-0\"}")
        #expect(response.status.code == 404)
        #expect(response.body.withUnsafeReadableBytes { MissingNetworks.parse($0) } == nil)
    }
}
