import Foundation
import Synchronization

/// Results of calls answered `202 Accepted`, kept until fetched from `/api/v2/results/{handle}`
/// (and at most a bounded number, oldest first out).
final class AsyncResults: Sendable {
    private struct State {
        var results: [String: APIResponse] = [:]
        var order: [String] = []
    }

    private let state = Mutex(State())
    private let capacity = 10_000

    /// Keeps a finished result and returns its handle.
    func store(_ response: APIResponse) -> String {
        let handle = UUID().uuidString.lowercased()
        state.withLock { state in
            state.results[handle] = response
            state.order.append(handle)
            if state.order.count > capacity {
                let evicted = state.order.removeFirst()
                state.results[evicted] = nil
            }
        }
        return handle
    }

    /// Takes a finished result; nil for an unknown or already fetched handle.
    func take(_ handle: String) -> APIResponse? {
        state.withLock { state in
            guard let response = state.results.removeValue(forKey: handle) else { return nil }
            state.order.removeAll { $0 == handle }
            return response
        }
    }
}
