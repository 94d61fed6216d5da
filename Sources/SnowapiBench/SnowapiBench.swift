import ArgumentParser
import Foundation
import NIOCore
import SnowflakeCore
import Synchronization

/// `snowapi-bench`: the Swift client and the emulator, measured side by side with the official
/// Python client against the same emulator in the same run. `./bench` builds it in release
/// mode and runs it.
struct SnowapiBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snowapi-bench",
        abstract: "Benchmark the Swift client and the emulator, side by side with the official Python client.",
        subcommands: [Run.self, ProbeList.self], defaultSubcommand: Run.self)

    /// Parses the command line and runs the chosen command.
    static func runMain() async {
        await (SnowapiBench.self as any AsyncParsableCommand.Type).main()
    }
}

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the whole benchmark and print its table.")

    @Option(help: "Operations per sequential measurement.") var count = 1_000
    @Option(help: "Objects listed by the listing measurement.") var listObjects = 10_000
    @Option(help: "Objects stored for the emulator's memory measurement.") var stored = 100_000
    @Option(help: "Seconds of each load-generator run.") var loadSeconds = 10.0
    @Option(help: "Connections of the load generator.") var connections = 64
    @Option(help: "Runs of the cold-start measurement.") var coldRuns = 20
    @Option(help: "The snowapi executable (default: next to this one).") var snowapi: String?
    @Option(help: "The Python with snowflake-core installed.") var python = ".build-conformance/venv/bin/python"
    @Option(help: "The Python benchmark script.") var pythonScript = "Benchmarks/python/bench.py"
    @Flag(help: "Skip the Python client.") var skipPython = false
    @Option(help: "The parts to run, comma-separated: cold,client,python,listing,server.") var parts = "cold,client,python,listing,server"
    @Option(help: "Where to write the JSON results.") var output = ".build-bench/results.json"
    @Flag(help: "Run Swift concurrency on NIO's event loops (an option for applications; see main.swift).") var nioExecutor = false

    func run() async throws {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let executable = snowapi ?? here.appendingPathComponent("snowapi").path
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw BenchFailure("no snowapi executable at \(executable); build it with `swift build -c release`")
        }
        let emulator = try EmulatorProcess(executable: executable)
        defer { emulator.stop() }
        var report = Report(machine: Machine.current(), count: count)
        log("emulator \(emulator.url) (pid \(emulator.pid)); \(report.machine.summary)")

        let selected = Set(parts.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        if selected.contains("cold") { report.coldStart = try coldStart(executable: executable, emulator: emulator) }
        let root = try Root(.emulator(url: emulator.url, token: emulator.token, user: "admin"))
        if selected.contains("client") { try await clientOperations(root: root, emulator: emulator, into: &report) }
        if selected.contains("python"), !skipPython { report.python = try pythonClient(emulator: emulator) }
        if selected.contains("listing") {
            report.listing = try await listing(root: root, emulator: emulator, executable: here.appendingPathComponent("snowapi-bench").path)
        }
        if selected.contains("server") { report.server = try await serverLoad(emulator: emulator, root: root) }
        await root.close()

        report.evaluateGoals()
        print(report.table())
        let url = URL(fileURLWithPath: output)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(report).write(to: url)
        log("results written to \(output)")
    }

    // MARK: Cold start

    private func coldStart(executable: String, emulator: EmulatorProcess) throws -> Report.ColdStart {
        let home = (emulator.dataDirectory as NSString).appendingPathComponent("snowflake-home")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let file = (home as NSString).appendingPathComponent("connections.toml")
        let toml = """
            [bench]
            account = "emulator"
            user = "admin"
            password = "\(emulator.password)"
            host = "127.0.0.1"
            port = \(emulator.port)
            protocol = "http"
            """
        _ = FileManager.default.createFile(atPath: file, contents: Data(toml.utf8), attributes: [.posixPermissions: 0o600])
        var environment = ProcessInfo.processInfo.environment
        environment["SNOWFLAKE_HOME"] = home
        let arguments = ["object", "list", "database", "--connection", "bench", "--like", "COLD%"]
        log("cold start: \(coldRuns) × snowapi \(arguments.joined(separator: " ")) (password login included)")
        var runs: [SpawnedRun] = []
        for _ in 0..<coldRuns {
            let run = try SpawnedRun.run(executable, arguments, environment: environment)
            guard run.status == 0 else { throw BenchFailure("snowapi object list exited with \(run.status)") }
            runs.append(run)
        }
        let walls = runs.map(\.wall).sorted()
        return Report.ColdStart(
            runs: runs.count, medianSeconds: Measurement.percentile(walls, 0.5), minSeconds: walls.first ?? 0,
            maxSeconds: walls.last ?? 0, medianCPUSeconds: Measurement.percentile(runs.map(\.cpu).sorted(), 0.5),
            peakKiB: runs.map(\.peakKiB).max() ?? 0)
    }

    // MARK: Client operations

    private func clientOperations(root: Root, emulator: EmulatorProcess, into report: inout Report) async throws {
        let databases = root.databases
        let n = count
        log("Swift client: create, fetch, list, drop (\(n) each)")
        for i in 0..<20 { try await databases.create(DatabaseModel(name: "SWW_\(i)")) }
        report.swift["create"] = try await measure(n, emulator) { i in try await databases.create(DatabaseModel(name: "SWB_\(i)")) }
        for i in 0..<50 { _ = try await databases["SWB_\(i % n)"].fetch() }
        report.swift["fetch"] = try await measure(n, emulator) { i in _ = try await databases["SWB_\(i)"].fetch() }
        report.swift["list_1000"] = try await measure(n, emulator) { _ in
            let listed = try await databases.list(like: "SWB\\_%").collect()
            guard listed.count == n else { throw BenchFailure("listed \(listed.count) objects, expected \(n)") }
        }
        for i in 0..<10 { try await databases.create(DatabaseModel(name: "SWT_\(i)")) }
        report.swift["list_10"] = try await measure(n, emulator) { _ in
            let listed = try await databases.list(like: "SWT\\_%").collect()
            guard listed.count == 10 else { throw BenchFailure("listed \(listed.count) objects, expected 10") }
        }
        for inFlight in [1, 8, 64] {
            log("Swift client: \(n * 5) fetches, \(inFlight) in flight")
            report.swift["fetch_\(inFlight)_in_flight"] = try await measureConcurrent(n * 5, inFlight: inFlight, emulator) { i in
                _ = try await databases["SWB_\(i % n)"].fetch()
            }
        }
        report.swift["drop"] = try await measure(n, emulator) { i in try await databases["SWB_\(i)"].drop() }
        for i in 0..<10 { try await databases["SWT_\(i)"].drop() }
        for i in 0..<20 { try await databases["SWW_\(i)"].drop() }
        try await transfer(root: root, emulator: emulator, into: &report)
    }

    /// put and get of one file, overwritten each time: a `PUT`/`GET` statement, then the file to
    /// or from the stage storage (gzipped and encrypted on the way up), as the Python part does.
    private func transfer(root: Root, emulator: EmulatorProcess, into report: inout Report) async throws {
        let database = try await root.databases.create(DatabaseModel(name: "SWX_STAGE"))
        let stage = try await database.schemas["public"].stages.create(StageModel(name: "bench"))
        let directory = URL(fileURLWithPath: emulator.dataDirectory).appendingPathComponent("transfer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (label, size, n) in [("64KiB", 1 << 16, max(1, count / 10)), ("4MiB", 1 << 22, max(1, count / 100))] {
            log("Swift client: put and get of \(label) (\(n) each)")
            let local = directory.appendingPathComponent("data_\(label).csv")
            try Self.csvText(size).write(to: local)
            let out = directory.appendingPathComponent("out").path
            for _ in 0..<2 { try await stage.put(local.path, "/", overwrite: true) }
            report.swift["put_\(label)"] = try await measure(n, emulator) { _ in try await stage.put(local.path, "/", overwrite: true) }
            for _ in 0..<2 { try await stage.get("/data_\(label).csv.gz", out) }
            report.swift["get_\(label)"] = try await measure(n, emulator) { _ in
                let got = try await stage.get("/data_\(label).csv.gz", out)
                guard got.count == 1 else { throw BenchFailure("got \(got.count) files, expected 1") }
            }
        }
        try await database.drop()
    }

    /// `size` bytes of CSV rows, the same as the Python part's.
    static func csvText(_ size: Int) -> Data {
        var text = Data()
        text.reserveCapacity(size + 64)
        var i = 0
        while text.count < size {
            text.append(contentsOf: "\(i),value_\(i * 7919 % 100000),\(i % 97)\n".utf8)
            i += 1
        }
        return text.prefix(size)
    }

    private func measure(_ n: Int, _ emulator: EmulatorProcess, _ operation: (Int) async throws -> Void) async throws -> Measurement {
        var latencies: [Double] = []
        latencies.reserveCapacity(n)
        let cpu = ProcessStats.selfCPU()
        let server = ProcessStats.cpu(of: emulator.pid)
        let start = monotonicSeconds()
        for i in 0..<n {
            let begin = monotonicSeconds()
            try await operation(i)
            latencies.append(monotonicSeconds() - begin)
        }
        let seconds = monotonicSeconds() - start
        return Measurement(
            n: n, seconds: seconds, latencies: latencies, clientCPU: ProcessStats.selfCPU() - cpu,
            serverCPU: ProcessStats.cpu(of: emulator.pid).flatMap { after in server.map { after - $0 } })
    }

    private func measureConcurrent(
        _ n: Int, inFlight: Int, _ emulator: EmulatorProcess, _ operation: @escaping @Sendable (Int) async throws -> Void
    ) async throws -> Measurement {
        let budget = LoadGenerator.Budget(n)
        let cpu = ProcessStats.selfCPU()
        let server = ProcessStats.cpu(of: emulator.pid)
        let start = monotonicSeconds()
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for _ in 0..<inFlight {
                group.addTask {
                    var mine: [Double] = []
                    while true {
                        guard let i = budget.take() else { return mine }
                        let begin = monotonicSeconds()
                        try await operation(i)
                        mine.append(monotonicSeconds() - begin)
                    }
                }
            }
            var all: [Double] = []
            for try await part in group { all += part }
            return all
        }
        let seconds = monotonicSeconds() - start
        return Measurement(
            n: n, seconds: seconds, latencies: latencies, clientCPU: ProcessStats.selfCPU() - cpu,
            serverCPU: ProcessStats.cpu(of: emulator.pid).flatMap { after in server.map { after - $0 } })
    }

    // MARK: Python

    private func pythonClient(emulator: EmulatorProcess) throws -> PythonReport {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw BenchFailure("no Python at \(python): run ./bench, which makes it, or pass --skip-python")
        }
        log("Python snowflake.core: the same operations (\(count) each), against the same emulator")
        var environment = ProcessInfo.processInfo.environment
        environment["SNOWFLAKE_DISABLE_PLATFORM_DETECTION"] = "true"
        let (data, status) = try runCapturing(
            python,
            [pythonScript, "--host", "127.0.0.1", "--port", String(emulator.port), "--user", "admin", "--password-env", "SNOWAPI_BENCH_PASSWORD",
             "--count", String(count), "--threads", "8", "--prefix", "PYB"],
            environment: environment.merging(["SNOWAPI_BENCH_PASSWORD": emulator.password]) { $1 })
        guard status == 0 else { throw BenchFailure("the Python benchmark failed (exit \(status))") }
        do {
            return try JSONDecoder().decode(PythonReport.self, from: data)
        } catch {
            throw BenchFailure("cannot read the Python benchmark's output: \(error)\n\(String(decoding: data, as: UTF8.self))")
        }
    }

    // MARK: Listing 10,000 objects

    private func listing(root: Root, emulator: EmulatorProcess, executable: String) async throws -> Report.Listing {
        log("listing: creating \(listObjects) objects")
        let created = try await LoadGenerator.run(
            host: "127.0.0.1", port: emulator.port, connections: connections, duration: 600, limit: listObjects
        ) { connection, sequence in
            LoadGenerator.request(
                method: "POST", path: "/api/v2/databases", host: "127.0.0.1", token: emulator.token,
                body: #"{"name":"SWL_\#(connection)_\#(sequence)"}"#)
        }
        guard created.failures == 0 else { throw BenchFailure("\(created.failures) creates failed") }
        log("listing: \(listObjects) objects through the client, in a process of its own")
        let (data, status) = try runCapturing(
            executable, ["probe-list", "--url", emulator.url, "--token-env", "SNOWAPI_BENCH_TOKEN", "--like", "SWL\\_%"],
            environment: ProcessInfo.processInfo.environment.merging(["SNOWAPI_BENCH_TOKEN": emulator.token]) { $1 })
        guard status == 0 else { throw BenchFailure("the listing probe failed") }
        let probe = try JSONDecoder().decode(ProbeList.Output.self, from: data)
        guard probe.count == listObjects else { throw BenchFailure("the probe listed \(probe.count) objects, expected \(listObjects)") }
        return Report.Listing(objects: probe.count, seconds: probe.seconds, peakKiB: probe.peakKiB, baselineKiB: probe.baselineKiB)
    }

    // MARK: The emulator alone

    private func serverLoad(emulator: EmulatorProcess, root: Root) async throws -> Report.Server {
        let host = "127.0.0.1"
        for i in 0..<count { try await root.databases.create(DatabaseModel(name: "SWF_\(i)"), mode: .ifNotExists) }
        let n = count
        log("emulator alone: fetches from \(connections) connections for \(loadSeconds) s")
        let fetchPaths = (0..<n).map { "/api/v2/databases/SWF_\($0)" }
        let fetches = try await load(emulator) { connection, sequence in
            LoadGenerator.request(method: "GET", path: fetchPaths[(connection * 7919 + sequence) % n], host: host, token: emulator.token)
        }
        log("emulator alone: durable creates from \(connections) connections for \(loadSeconds) s")
        let creates = try await load(emulator) { connection, sequence in
            LoadGenerator.request(
                method: "POST", path: "/api/v2/databases", host: host, token: emulator.token,
                body: #"{"name":"LGC_\#(connection)_\#(sequence)","comment":"created by the load generator"}"#)
        }
        let present = try await root.databases.list().collect().count
        let missing = max(0, stored - present)
        log("emulator alone: storing \(missing) more objects to reach \(stored)")
        let fill = try await LoadGenerator.run(host: host, port: emulator.port, connections: connections, duration: 3_600, limit: missing) {
            connection, sequence in
            LoadGenerator.request(method: "POST", path: "/api/v2/databases", host: host, token: emulator.token, body: #"{"name":"LGF_\#(connection)_\#(sequence)"}"#)
        }
        guard fill.failures == 0 else { throw BenchFailure("\(fill.failures) creates failed while filling") }
        let memory = ProcessStats.memory(of: emulator.pid)
        let databaseSize = (try? FileManager.default.attributesOfItem(atPath: (emulator.dataDirectory as NSString).appendingPathComponent("emulator.sqlite"))[.size] as? Int) ?? 0
        return Report.Server(
            connections: connections, fetch: fetches, create: creates, storedObjects: present + fill.requests,
            rssKiB: memory?.current ?? 0, peakRSSKiB: memory?.peak ?? 0, databaseBytes: databaseSize)
    }

    private func load(_ emulator: EmulatorProcess, request: @escaping @Sendable (Int, Int) -> ByteBuffer) async throws -> Report.Load {
        let server = ProcessStats.cpu(of: emulator.pid)
        let cpu = ProcessStats.selfCPU()
        let result = try await LoadGenerator.run(
            host: "127.0.0.1", port: emulator.port, connections: connections, duration: loadSeconds, request: request)
        let serverCPU = ProcessStats.cpu(of: emulator.pid).flatMap { after in server.map { after - $0 } }
        let measurement = Measurement(
            n: result.requests, seconds: result.seconds, latencies: result.latencies, clientCPU: ProcessStats.selfCPU() - cpu,
            serverCPU: serverCPU)
        return Report.Load(measurement: measurement, failures: result.failures)
    }
}

/// Lists objects through the client in a process of its own, and reports the time and the
/// process's peak memory.
struct ProbeList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "probe-list", abstract: "Internal: list databases and report time and memory.", shouldDisplay: false)

    @Option var url: String
    @Option var tokenEnv: String
    @Option var like: String

    struct Output: Codable {
        var count: Int
        var seconds: Double
        var peakKiB: Int
        var baselineKiB: Int
    }

    func run() async throws {
        guard let token = ProcessInfo.processInfo.environment[tokenEnv] else { throw BenchFailure("no token in $\(tokenEnv)") }
        let root = try Root(.emulator(url: url, token: token))
        _ = try await root.databases.list(like: "NOTHING%").collect()  // connect and warm up

        let baseline = ProcessStats.selfPeakMemory()
        let start = monotonicSeconds()
        var count = 0
        for try await _ in root.databases.list(like: like) { count += 1 }
        let seconds = monotonicSeconds() - start
        await root.close()
        let output = Output(count: count, seconds: seconds, peakKiB: ProcessStats.selfPeakMemory(), baselineKiB: baseline)
        print(String(decoding: try JSONEncoder().encode(output), as: UTF8.self))
    }
}

func log(_ message: String) {
    FileHandle.standardError.write(Data("• \(message)\n".utf8))
}

