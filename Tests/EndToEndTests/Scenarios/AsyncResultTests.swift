import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

@Suite("Accepted (202) results")
struct AsyncResultTests {
    @Test("the client follows 202 answers to their results, for successes and errors alike")
    func polling() async throws {
        var configuration = TestEmulator.configuration()
        configuration.answersAsynchronously = true
        let clock = ManualRetryClock()
        try await TestEmulator.withRoot(configuration, retryPolicy: RetryPolicy(clock: clock.clock)) { root, _ in
            try await root.databases.create(DatabaseModel(name: "polled"))
            #expect(try await root.databases["polled"].fetch().name == "POLLED")
            #expect(try await root.databases.list().collect().map(\.name) == ["POLLED"])
            let missing = await capturedError { _ = try await root.databases["absent"].fetch() }
            #expect(missing?.code == .notFound)
            #expect(clock.sleeps.count == 4, "one poll per call")
        }
    }
}
