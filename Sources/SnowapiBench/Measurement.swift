import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Latencies of one measured loop, with the CPU it cost the client and the server.
struct Measurement: Codable, Sendable {
    var n: Int
    var seconds: Double
    var p50Ms: Double
    var p99Ms: Double
    var clientCPUMsPerOp: Double?
    var serverCPUMsPerOp: Double?

    var opsPerSecond: Double { seconds > 0 ? Double(n) / seconds : 0 }

    enum CodingKeys: String, CodingKey {
        case n, seconds
        case opsPerSecond = "ops_per_s"
        case p50Ms = "p50_ms"
        case p99Ms = "p99_ms"
        case clientCPUMsPerOp = "client_cpu_ms_per_op"
        case serverCPUMsPerOp = "server_cpu_ms_per_op"
    }

    init(n: Int, seconds: Double, latencies: [Double], clientCPU: Double?, serverCPU: Double?) {
        self.n = n
        self.seconds = seconds
        let sorted = latencies.sorted()
        p50Ms = Self.percentile(sorted, 0.50) * 1_000
        p99Ms = Self.percentile(sorted, 0.99) * 1_000
        clientCPUMsPerOp = clientCPU.map { $0 / Double(max(n, 1)) * 1_000 }
        serverCPUMsPerOp = serverCPU.map { $0 / Double(max(n, 1)) * 1_000 }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        n = try container.decode(Int.self, forKey: .n)
        let rate = try container.decode(Double.self, forKey: .opsPerSecond)
        seconds = try container.decodeIfPresent(Double.self, forKey: .seconds) ?? (rate > 0 ? Double(n) / rate : 0)
        p50Ms = try container.decode(Double.self, forKey: .p50Ms)
        p99Ms = try container.decode(Double.self, forKey: .p99Ms)
        clientCPUMsPerOp = try container.decodeIfPresent(Double.self, forKey: .clientCPUMsPerOp)
        serverCPUMsPerOp = try container.decodeIfPresent(Double.self, forKey: .serverCPUMsPerOp)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(n, forKey: .n)
        try container.encode(Self.round(seconds), forKey: .seconds)
        try container.encode(Self.round(opsPerSecond), forKey: .opsPerSecond)
        try container.encode(Self.round(p50Ms), forKey: .p50Ms)
        try container.encode(Self.round(p99Ms), forKey: .p99Ms)
        try container.encodeIfPresent(clientCPUMsPerOp.map(Self.round), forKey: .clientCPUMsPerOp)
        try container.encodeIfPresent(serverCPUMsPerOp.map(Self.round), forKey: .serverCPUMsPerOp)
    }

    /// Nearest-rank on a sorted sample: the value at index floor(q × (n − 1)).
    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[Int((q * Double(sorted.count - 1)).rounded(.down))]
    }

    static func round(_ value: Double) -> Double { (value * 1_000).rounded() / 1_000 }
}

/// CPU and memory of processes, from getrusage and procfs.
enum ProcessStats {
    /// This process's user + system CPU seconds.
    static func selfCPU() -> Double {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Another process's user + system CPU seconds (all threads), from /proc/PID/stat.
    static func cpu(of pid: Int32) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After the command: state is field 3; utime and stime are fields 14 and 15.
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// A process's resident memory now and at its peak, in KiB.
    static func memory(of pid: Int32) -> (current: Int, peak: Int)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        func value(_ key: String) -> Int? {
            text.split(separator: "\n").first { $0.hasPrefix(key + ":") }
                .flatMap { Int($0.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "") }
        }
        guard let current = value("VmRSS"), let peak = value("VmHWM") else { return nil }
        return (current, peak)
    }

    /// This process's peak resident memory, in KiB.
    static func selfPeakMemory() -> Int {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return Int(usage.ru_maxrss)
    }

    private static func seconds(_ value: timeval) -> Double { Double(value.tv_sec) + Double(value.tv_usec) / 1_000_000 }
}

/// A monotonic clock reading in seconds.
func monotonicSeconds() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) / 1_000_000_000
}
