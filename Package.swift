// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "dashboard",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dashboard", targets: ["Dashboard"]),
        .library(name: "Engine", targets: ["Engine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // NEAT, networks, tasks, tournament, inference backends, metrics: pure Swift.
        .target(
            name: "Engine",
            dependencies: [
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
        ),
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
                "Engine", "Monitor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "EngineTests", dependencies: ["Engine"], exclude: ["Fixtures"]),
        .testTarget(name: "MonitorTests", dependencies: ["Monitor", "Engine"]),
    ]
)
