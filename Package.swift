// swift-tools-version:6.0
import PackageDescription

/// Compiler flags of the engine's hot kernels (Sources/EngineKernels: network evaluation
/// and compiling, the genes they read, the duel's game and reference bot, the seeded
/// random generators) in release builds: `-Ounchecked`, which removes
/// overflow and bounds checks there (measured in docs/performance.md), plus the execution
/// profile in profiles/engine.profdata (LLVM IR profile-guided optimisation; it never
/// changes results). Everything else, the Engine's parsers and validators included, is
/// built with normal checks. `scripts/pgo-profile` regenerates the profile.
/// DASHBOARD_PGO=off builds without it; DASHBOARD_PGO=generate:DIR builds the engine
/// instrumented to write raw profiles to DIR (what the script does).
/// DASHBOARD_KERNELS_CHECKED=1 builds the kernels with checks too (to measure what
/// `-Ounchecked` buys).
let kernelsUnchecked: [String] = Context.environment["DASHBOARD_KERNELS_CHECKED"] == "1" ? [] : ["-Ounchecked"]
let profileFlags: [String] = {
    let setting = Context.environment["DASHBOARD_PGO"] ?? "use"
    switch setting {
    case "use", "": return ["-Xfrontend", "-ir-profile-use=\(Context.packageDirectory)/profiles/engine.profdata"]
    case "off": return []
    case let s where s.hasPrefix("generate:") && s.count > "generate:".count:
        return ["-Xfrontend", "-ir-profile-generate=" + s.dropFirst("generate:".count)]
    default:
        fatalError("DASHBOARD_PGO must be use (the default), off or generate:DIRECTORY, got '\(setting)'")
    }
}()

let package = Package(
    name: "dashboard",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dashboard", targets: ["Dashboard"]),
        .executable(name: "wire-fuzz", targets: ["WireFuzz"]),
        .library(name: "Engine", targets: ["Engine"]),
        // Fixed engine workloads for the benchmark suite (Benchmarks/) and the
        // instruction-count gate (scripts/bench-gate runs bench-counts under callgrind).
        .library(name: "BenchWorkloads", targets: ["BenchWorkloads"]),
        .executable(name: "bench-counts", targets: ["BenchCounts"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // The engine's hot kernels: compiling a genome into a flat network and
        // evaluating it, the gene types they read, the duel's game and reference bot,
        // the seeded random generators. They read no bytes from outside: only
        // validated genomes and the engine's own state reach them; built -Ounchecked
        // (see kernelsUnchecked). Engine re-exports it.
        .target(
            name: "EngineKernels",
            // -cross-module-optimization: the Engine inlines and specialises the kernels'
            // small and generic functions (the RNG's, the duel's moves) as it did when
            // they were one module.
            swiftSettings: [.unsafeFlags(kernelsUnchecked + ["-cross-module-optimization"] + profileFlags,
                                         .when(configuration: .release))]
        ),
        // NEAT, tasks, tournament, readers of configs and network documents, inference
        // backends, metrics: pure Swift, built with normal checks.
        .target(
            name: "Engine",
            dependencies: [
                "CEngineSupport", "EngineKernels",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: [.unsafeFlags(profileFlags, .when(configuration: .release))]
        ),
        // The bytes of the HTTP APIs: JSON scanning and writing, the request and
        // response codecs, network documents read from uploads. No sockets, so the
        // fuzz target and the tests drive it directly.
        .target(
            name: "Wire",
            dependencies: [
                "Engine",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // Every reader of untrusted bytes, for libFuzzer (scripts/fuzz builds it with
        // -sanitize=fuzzer,address -D FUZZING) and, built normally, a replay of the corpus.
        .executableTarget(
            name: "WireFuzz",
            dependencies: ["Engine", "Wire", .product(name: "NIOCore", package: "swift-nio")]
        ),
        // HTTP: the built-in inference server (SwiftNIO) and the remote inference
        // backend (its own sockets, one set per worker thread: no HTTP client
        // library, so no TLS stack to build). Depends on Engine; Engine never imports it.
        .target(
            name: "Serving",
            dependencies: [
                "Engine", "Wire", "CEngineSupport",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Thread naming and ids (GNU extensions Swift cannot import directly).
        .target(name: "CEngineSupport"),
        // ncursesw, plus a C shim for the macros and globals Swift cannot import.
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        // The terminal monitor: cell buffer, panels, themes, /proc sampler, CSV.
        .target(
            name: "Monitor",
            dependencies: [
                "Engine", "CNcurses",
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "Dashboard",
            dependencies: [
                "Engine", "Monitor", "Serving", "Wire",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Fixed, deterministic workloads (feed-forward, a duel, an XOR generation, NEAT's
        // distance and crossover, the request and upload decoders) measured by the
        // benchmark suite and the gate alike.
        .target(name: "BenchWorkloads", dependencies: ["Engine", "Wire"]),
        // One workload per run, its measured call in a function callgrind collects in.
        .executableTarget(name: "BenchCounts", dependencies: ["BenchWorkloads"]),
        .testTarget(name: "BenchWorkloadsTests", dependencies: ["BenchWorkloads", "Engine"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "EngineKernels"], exclude: ["Fixtures"]),
        .testTarget(
            name: "MonitorTests",
            dependencies: ["Monitor", "Engine", .product(name: "CSV", package: "CSV.swift")],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "ServingTests",
            dependencies: [
                "Serving", "Wire", "Engine",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "WireTests", dependencies: ["Wire", "Engine", .product(name: "NIOCore", package: "swift-nio")]),
    ]
)
