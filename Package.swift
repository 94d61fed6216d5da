// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "snowapi-swift",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "SnowflakeCore", targets: ["SnowflakeCore"]),
        .library(name: "SnowflakeEmulator", targets: ["SnowflakeEmulator"]),
        .executable(name: "snowapi", targets: ["snowapi"]),
        .executable(name: "snowapi-bench", targets: ["SnowapiBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", exact: "1.5.0"),
        // Already built for AsyncHTTPClient and Hummingbird; the benchmark's load generator uses it directly.
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        // Tests only: reads the official OpenAPI specs from ../shared.
        .package(url: "https://github.com/jpsim/Yams", exact: "5.0.1"),
    ],
    targets: [
        // Wire types shared by the client and the emulator. Foundation only.
        .target(name: "SnowflakeModels", swiftSettings: swiftSettings),
        // What both sides of a stage file transfer share: AWS Signature Version 4 and Snowflake's
        // client-side encryption of stage files, and the wire form of a PUT/GET answer.
        .target(
            name: "SnowflakeFileTransfer",
            dependencies: [
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // The client library.
        .target(
            name: "SnowflakeCore",
            dependencies: [
                "SnowflakeModels",
                "SnowflakeFileTransfer",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: swiftSettings
        ),
        // The local REST API v2 server.
        .target(
            name: "SnowflakeEmulator",
            dependencies: [
                "SnowflakeModels",
                "SnowflakeFileTransfer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // The command-line tool's commands, as a library so tests can run them.
        .target(
            name: "SnowapiCLI",
            dependencies: [
                "SnowflakeCore",
                "SnowflakeEmulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "snowapi", dependencies: ["SnowapiCLI"], swiftSettings: swiftSettings),
        // The benchmark (`./bench`): the client and the emulator side by side with the Python client.
        .executableTarget(
            name: "SnowapiBench",
            dependencies: [
                "SnowflakeCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Helpers for tests: an emulator on an ephemeral port, a controllable clock, the specs.
        .target(
            name: "SnowflakeTestSupport",
            dependencies: ["SnowflakeCore", "SnowflakeEmulator", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "SnowflakeModelsTests", dependencies: ["SnowflakeModels", "SnowflakeFileTransfer", "SnowflakeTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "SnowflakeCoreTests", dependencies: ["SnowflakeCore", "SnowflakeTestSupport", .product(name: "Crypto", package: "swift-crypto"), .product(name: "_CryptoExtras", package: "swift-crypto")], swiftSettings: swiftSettings),
        .testTarget(name: "SnowflakeEmulatorTests", dependencies: ["SnowflakeEmulator", "SnowflakeTestSupport", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: swiftSettings),
        .testTarget(name: "EndToEndTests", dependencies: ["SnowflakeCore", "SnowflakeEmulator", "SnowflakeFileTransfer", "SnowflakeTestSupport", .product(name: "Crypto", package: "swift-crypto"), .product(name: "_CryptoExtras", package: "swift-crypto")], swiftSettings: swiftSettings),
        .testTarget(name: "SnowapiCLITests", dependencies: ["SnowapiCLI", "SnowflakeTestSupport"], swiftSettings: swiftSettings),
    ]
)
