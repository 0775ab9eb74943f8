// swift-tools-version:6.1
import Foundation
import PackageDescription

/// The benchmark suite (ordo-one/benchmark): the engine's fixed workloads
/// (Sources/BenchWorkloads of the package one folder up) timed, with their
/// allocations counted. A package of its own, so that building `dashboard` never
/// resolves or builds the benchmark harness:
///
///     cd Benchmarks && swift package benchmark
///
/// The dashboard package is depended on by path; its identity is its folder's name,
/// whatever the checkout is called.
let dashboardIdentity = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "dashboard-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "EngineBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "BenchWorkloads", package: dashboardIdentity),
            ],
            path: "Benchmarks/EngineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
