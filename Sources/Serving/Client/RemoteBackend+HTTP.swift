import AsyncHTTPClient
import Foundation
import NIOCore
import Wire
import NIOHTTP1

extension RemoteBackend {
    /// Sends one request and waits for a 2xx answer, retrying per the policy.
    /// For the cold paths (upload, health check); the hot path is `RemoteSession`.
    func performBlocking(method: HTTPMethod, path: String, body: ByteBuffer?, timeout: Duration) throws(RemoteError) -> HTTPClient.Response {
        let endpoint = "\(method.rawValue) \(baseURL)\(path)"
        var request: HTTPClient.Request
        do {
            request = try HTTPClient.Request(url: baseURL + path, method: method)
        } catch {
            throw .client("\(endpoint): invalid URL: \(error)")
        }
        request.headers.add(name: "Content-Type", value: "application/json")
        if let body { request.body = .byteBuffer(body) }
        var retries = 0
        while true {
            let error: RemoteError
            do {
                let response = try client.execute(request: request, deadline: .now() + .nanoseconds(timeout.nanoseconds)).wait()
                if (200..<300).contains(response.status.code) { return response }
                error = .status(endpoint: endpoint, code: Int(response.status.code),
                                message: JSONField.errorMessage(in: response.body.map { String(buffer: $0) } ?? ""))
            } catch let e {
                error = Self.remoteError(e, endpoint: endpoint, timeout: timeout)
            }
            guard configuration.retry.shouldRetry(error, retriesSoFar: retries) else { throw error }
            retries += 1
            reportRetry(error)
            let wait = configuration.retry.backoff(beforeRetry: retries)
            Thread.sleep(forTimeInterval: Double(wait.nanoseconds) / 1e9)
        }
    }

    /// Classifies a transport error from AsyncHTTPClient or NIO.
    static func remoteError(_ error: any Error, endpoint: String, timeout: Duration) -> RemoteError {
        if let e = error as? RemoteError { return e }
        if let e = error as? HTTPClientError {
            switch e {
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return .timeout(endpoint: endpoint, milliseconds: timeout.milliseconds)
            case .connectTimeout, .getConnectionFromPoolTimeout:
                return .connection(endpoint: endpoint, message: "\(e) (is the server running?)")
            case .alreadyShutdown:
                return .client("\(endpoint): the HTTP client is already shut down")
            case .invalidURL, .emptyHost, .emptyScheme, .missingSocketPath:
                return .client("\(endpoint): invalid URL (\(e))")
            default:
                return .connection(endpoint: endpoint, message: "\(e)")
            }
        }
        return .connection(endpoint: endpoint, message: "\(error)")
    }
}
