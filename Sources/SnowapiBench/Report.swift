import Foundation

/// Everything one run measured, the goals it checked, and its table.
struct Report: Codable {
    var machine: Machine
    var count: Int
    var coldStart: ColdStart?
    var swift: [String: Measurement] = [:]
    var python: PythonReport?
    var listing: Listing?
    var server: Server?
    var goals: [Goal] = []

    struct ColdStart: Codable {
        var runs: Int
        var medianSeconds: Double
        var minSeconds: Double
        var maxSeconds: Double
        var medianCPUSeconds: Double
        var peakKiB: Int
    }

    struct Listing: Codable {
        var objects: Int
        var seconds: Double
        var peakKiB: Int
        var baselineKiB: Int
    }

    struct Load: Codable {
        var measurement: Measurement
        var failures: Int
    }

    struct Server: Codable {
        var connections: Int
        var fetch: Load
        var create: Load
        var storedObjects: Int
        var rssKiB: Int
        var peakRSSKiB: Int
        var databaseBytes: Int
    }

    struct Goal: Codable {
        var name: String
        var target: String
        var measured: String
        var met: Bool
    }

    // MARK: Goals

    /// The issue's goals, each a ratio or a bound measured in this run.
    mutating func evaluateGoals() {
        goals = []
        func add(_ name: String, _ target: String, _ measured: String, _ met: Bool) {
            goals.append(Goal(name: name, target: target, measured: measured, met: met))
        }
        if let cold = coldStart, let importTime = python?.coldStart?.importSeconds.median {
            let ratio = importTime / cold.medianSeconds
            add("cold start vs Python import", "≥ 100×", "\(f(ratio, 1))× (\(ms(cold.medianSeconds)) vs \(ms(importTime)))", ratio >= 100)
        }
        if let python = python?.operations {
            if let swiftFetch = swift["fetch"], let pyFetch = python["fetch"], let s = swiftFetch.clientCPUMsPerOp, let p = pyFetch.clientCPUMsPerOp {
                add("client CPU per sequential fetch", "≤ 1/5 of Python", "1/\(f(p / s, 1)) (\(f(s * 1000, 0)) vs \(f(p * 1000, 0)) µs)", p / s >= 5)
            }
            if let swift64 = swift["fetch_64_in_flight"], let py8 = python.first(where: { $0.key.hasPrefix("fetch_") && $0.key.hasSuffix("threads") })?.value,
                let s = swift64.clientCPUMsPerOp, let p = py8.clientCPUMsPerOp
            {
                add("client CPU per fetch, 64 in flight vs Python threads", "≤ 1/15", "1/\(f(p / s, 1)) (\(f(s * 1000, 0)) vs \(f(p * 1000, 0)) µs)", p / s >= 15)
            }
            if let s = swift["fetch"], let p = python["fetch"] {
                let ratio = s.opsPerSecond / p.opsPerSecond
                add("sequential fetch ops/s vs Python", "≥ 2.5×", "\(f(ratio, 2))× (\(f(s.opsPerSecond, 0)) vs \(f(p.opsPerSecond, 0)))", ratio >= 2.5)
            }
            if let s = swift["fetch_64_in_flight"], let p = python.filter({ $0.key.hasPrefix("fetch") }).max(by: { $0.value.opsPerSecond < $1.value.opsPerSecond })?.value {
                let ratio = s.opsPerSecond / p.opsPerSecond
                add("64 in flight vs Python's best", "≥ 10×", "\(f(ratio, 1))× (\(f(s.opsPerSecond, 0)) vs \(f(p.opsPerSecond, 0)))", ratio >= 10)
            }
            if let s = swift["list_1000"], let p = python["list_1000"] {
                let ratio = s.opsPerSecond / p.opsPerSecond
                add("listing 1,000 objects vs Python", "≥ 10×", "\(f(ratio, 1))× (\(f(s.opsPerSecond, 1)) vs \(f(p.opsPerSecond, 1)) lists/s)", ratio >= 10)
            }
        }
        if let server {
            let fetch = server.fetch.measurement
            add("emulator fetches at \(server.connections) connections", "≥ 15,000/s, p99 < 10 ms",
                "\(f(fetch.opsPerSecond, 0))/s, p99 \(f(fetch.p99Ms, 2)) ms", fetch.opsPerSecond >= 15_000 && fetch.p99Ms < 10)
            let create = server.create.measurement
            add("durable creates at \(server.connections) connections (synchronous=FULL)", "≥ 6,000/s",
                "\(f(create.opsPerSecond, 0))/s, p99 \(f(create.p99Ms, 2)) ms", create.opsPerSecond >= 6_000)
            add("emulator memory with \(server.storedObjects) objects", "< 150 MB", "\(f(Double(server.rssKiB) / 1024, 1)) MiB", Double(server.rssKiB) * 1024 < 150_000_000)
        }
        if let listing {
            let mb = Double(listing.peakKiB) / 1024
            add("listing \(listing.objects) objects through the client", "< 150 ms and < 40 MB",
                "\(ms(listing.seconds)), \(f(mb, 1)) MiB peak", listing.seconds < 0.150 && Double(listing.peakKiB) * 1024 < 40_000_000)
        }
    }

    // MARK: Table

    func table() -> String {
        var lines: [String] = []
        lines.append("Machine: \(machine.summary)")
        if let cold = coldStart {
            lines.append("")
            lines.append("Cold start: `snowapi object list database` with a password login, \(cold.runs) runs")
            lines.append("  median \(ms(cold.medianSeconds)) (min \(ms(cold.minSeconds)), max \(ms(cold.maxSeconds))), CPU \(ms(cold.medianCPUSeconds)), peak \(f(Double(cold.peakKiB) / 1024, 1)) MiB")
            if let python = python?.coldStart {
                lines.append("  Python `import snowflake.core`: median \(ms(python.importSeconds.median)), \(f(Double(python.rssAfterImportKiB ?? 0) / 1024, 1)) MiB after import")
            }
        }
        lines.append("")
        lines.append("| operation | Swift ops/s | p50 ms | p99 ms | client CPU µs/op | server CPU µs/op | Python ops/s | Python p99 ms | Python client CPU µs/op | Swift/Python ops/s |")
        lines.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        let order = [
            "create", "fetch", "list_10", "list_1000", "drop", "fetch_1_in_flight", "fetch_8_in_flight", "fetch_64_in_flight",
            "put_64KiB", "get_64KiB", "put_4MiB", "get_4MiB",
        ]
        for name in order {
            guard let s = swift[name] else { continue }
            let p = python?.operations[name == "fetch_8_in_flight" ? "fetch_8threads" : name]
            lines.append(
                "| \(name) | \(f(s.opsPerSecond, 0)) | \(f(s.p50Ms, 3)) | \(f(s.p99Ms, 3)) | \(us(s.clientCPUMsPerOp)) | \(us(s.serverCPUMsPerOp)) | "
                    + "\(p.map { f($0.opsPerSecond, 0) } ?? "") | \(p.map { f($0.p99Ms, 3) } ?? "") | \(us(p?.clientCPUMsPerOp)) | "
                    + "\(p.map { f(s.opsPerSecond / $0.opsPerSecond, 2) + "×" } ?? "") |")
        }
        if let listing {
            lines.append("")
            lines.append("Listing \(listing.objects) objects through the client (own process): \(ms(listing.seconds)), peak \(f(Double(listing.peakKiB) / 1024, 1)) MiB (\(f(Double(listing.baselineKiB) / 1024, 1)) MiB before listing)")
        }
        if let server {
            lines.append("")
            lines.append("The emulator alone under the load generator, \(server.connections) connections:")
            for (name, load) in [("fetch", server.fetch), ("durable create", server.create)] {
                let m = load.measurement
                lines.append("  \(name): \(f(m.opsPerSecond, 0)) req/s, p50 \(f(m.p50Ms, 2)) ms, p99 \(f(m.p99Ms, 2)) ms, server CPU \(us(m.serverCPUMsPerOp)) µs/req, load generator CPU \(us(m.clientCPUMsPerOp)) µs/req, \(load.failures) failures")
            }
            lines.append("  \(server.storedObjects) objects stored: emulator RSS \(f(Double(server.rssKiB) / 1024, 1)) MiB (peak \(f(Double(server.peakRSSKiB) / 1024, 1)) MiB), SQLite file \(f(Double(server.databaseBytes) / 1_048_576, 1)) MiB")
        }
        if !goals.isEmpty {
            lines.append("")
            lines.append("| goal | target | measured | met |")
            lines.append("| --- | --- | --- | --- |")
            for goal in goals { lines.append("| \(goal.name) | \(goal.target) | \(goal.measured) | \(goal.met ? "yes" : "no") |") }
        }
        return lines.joined(separator: "\n")
    }
}

/// What the Python benchmark script reports.
struct PythonReport: Codable {
    struct ColdStart: Codable {
        struct Times: Codable {
            var median: Double
            var min: Double
            var max: Double
        }

        var importSeconds: Times
        var rssAfterImportKiB: Int?

        enum CodingKeys: String, CodingKey {
            case importSeconds = "import_seconds"
            case rssAfterImportKiB = "rss_after_import_kib"
        }
    }

    var versions: [String: String]?
    var coldStart: ColdStart?
    var operations: [String: Measurement]

    enum CodingKeys: String, CodingKey {
        case versions
        case coldStart = "cold_start"
        case operations
    }
}

/// The machine a run measured.
struct Machine: Codable {
    var cpu: String
    var cores: Int
    var memoryGiB: Double
    var system: String

    var summary: String { "\(cpu), \(cores) cores, \(f(memoryGiB, 1)) GiB, \(system)" }

    static func current() -> Machine {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? "unknown CPU"
        let release = (try? String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return Machine(
            cpu: model, cores: ProcessInfo.processInfo.activeProcessorCount,
            memoryGiB: Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824, system: "Linux \(release)")
    }
}

func f(_ value: Double, _ digits: Int) -> String {
    let formatter = NumberFormatter()
    formatter.numberStyle = .decimal
    formatter.minimumFractionDigits = digits
    formatter.maximumFractionDigits = digits
    formatter.locale = Locale(identifier: "en_US")
    return formatter.string(from: NSNumber(value: value)) ?? String(value)
}

func ms(_ seconds: Double) -> String { "\(f(seconds * 1000, 1)) ms" }

func us(_ milliseconds: Double?) -> String { milliseconds.map { f($0 * 1000, 0) } ?? "" }
