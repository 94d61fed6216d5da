import Foundation
import Synchronization
import SnowapiCLI
import Testing

@Suite("snowapi demo")
struct DemoTests {
    @Test("the walkthrough prints every step of the seed's example")
    func walkthrough() async throws {
        let lines = Mutex<[String]>([])
        try await DemoWalkthrough.run { line in lines.withLock { $0.append(line) } }
        let output = lines.withLock { $0 }.joined(separator: "\n")
        for expected in [
            "schema.name          = public",
            "schema.database.name = my_db",
            "task.name = task1",
            "snapshot.name       = TASK1",
            "snapshot.schedule   = every 60 minutes (1 hour)",
            "snapshot.schemaName = PUBLIC",
            "task.fullyQualifiedName = my_db.public.task1",
            "try await task.resume()   -> state started",
            "try await task.suspend()  -> state suspended",
            "try await task.execute()  -> a run starts now",
            "  SUCCEEDED, started ",
            "NotFoundError: (404)",
            "Reason: Not Found",
            "HTTP response body: ",
            "Error Message: task 'my_db.public.task1' does not exist or not authorized.",
            "Error Code: 002003",
        ] {
            #expect(output.contains(expected), "missing: \(expected)")
        }
    }
}
