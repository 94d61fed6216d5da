import Foundation

/// How failed calls are retried and how accepted (`202`) results are polled.
///
/// A call is retried when the answer is 429, 503 or 504, or the connection fails, and the call
/// is safe to repeat (reads, create-or-alter, drops, and any call answered 429 or 503, which
/// the server refused before doing anything). Waits grow exponentially with full jitter, and a
/// `Retry-After` header is honoured. Everything stops when ``timeBudget`` is spent.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included.
    public var maximumAttempts: Int
    /// The ceiling of the first wait.
    public var initialDelay: Duration
    /// How much the ceiling grows after each attempt.
    public var multiplier: Double
    /// The largest wait.
    public var maximumDelay: Duration
    /// The first wait before polling an accepted result.
    public var pollingInitialDelay: Duration
    /// The largest wait between polls.
    public var pollingMaximumDelay: Duration
    /// Total time for retries and polling of one call.
    public var timeBudget: Duration
    /// The clock that waits; tests use a manual one.
    public var clock: RetryClock
    /// Returns a number in `0..<1` for jitter; tests pin it.
    public var random: @Sendable () -> Double

    /// The statuses that are retried.
    public static let retryableStatuses: Set<Int> = [429, 503, 504]

    /// A policy; the defaults suit a real account.
    public init(
        maximumAttempts: Int = 6, initialDelay: Duration = .milliseconds(500), multiplier: Double = 2,
        maximumDelay: Duration = .seconds(30), pollingInitialDelay: Duration = .milliseconds(200),
        pollingMaximumDelay: Duration = .seconds(5), timeBudget: Duration = .seconds(600),
        clock: RetryClock = .continuous, random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maximumAttempts = maximumAttempts
        self.initialDelay = initialDelay
        self.multiplier = multiplier
        self.maximumDelay = maximumDelay
        self.pollingInitialDelay = pollingInitialDelay
        self.pollingMaximumDelay = pollingMaximumDelay
        self.timeBudget = timeBudget
        self.clock = clock
        self.random = random
    }

    /// The default policy.
    public static var `default`: RetryPolicy { RetryPolicy() }

    /// No retries at all (polling still happens).
    public static var none: RetryPolicy { RetryPolicy(maximumAttempts: 1) }

    /// The wait before retry number `attempt` (1 for the first retry): the server's
    /// `Retry-After` when given, otherwise a random share of the exponential ceiling.
    public func delay(beforeRetry attempt: Int, retryAfter: Duration?) -> Duration {
        if let retryAfter { return min(retryAfter, maximumDelay) }
        let ceiling = min(Self.seconds(initialDelay) * pow(multiplier, Double(attempt - 1)), Self.seconds(maximumDelay))
        return .milliseconds(Int64((ceiling * random() * 1000).rounded()))
    }

    /// The wait before poll number `poll` (1 for the first): grows by 1.5 per poll up to the
    /// maximum.
    public func delay(beforePoll poll: Int) -> Duration {
        let seconds = min(Self.seconds(pollingInitialDelay) * pow(1.5, Double(poll - 1)), Self.seconds(pollingMaximumDelay))
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    /// Whether an answer with `status` to `request` is retried.
    public func shouldRetry(status: Int, request: TransportRequest) -> Bool {
        guard Self.retryableStatuses.contains(status) else { return false }
        return request.isIdempotent || status == 429 || status == 503
    }

    /// Parses a `Retry-After` header: seconds, or an HTTP date.
    public static func parseRetryAfter(_ value: String?, now: Date = Date()) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int(value) { return .seconds(max(0, seconds)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return .milliseconds(max(0, Int64(date.timeIntervalSince(now) * 1000)))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// A monotonic clock that can wait. The client uses the continuous clock; tests use one whose
/// waits return at once and advance its time.
public struct RetryClock: Sendable {
    /// Time since an arbitrary origin.
    public var now: @Sendable () -> Duration
    /// Waits for a duration.
    public var sleep: @Sendable (Duration) async throws -> Void

    /// A clock from its two functions.
    public init(now: @escaping @Sendable () -> Duration, sleep: @escaping @Sendable (Duration) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    /// Real time.
    public static var continuous: RetryClock {
        let clock = ContinuousClock()
        let origin = clock.now
        return RetryClock(now: { clock.now - origin }, sleep: { try await clock.sleep(for: $0) })
    }
}
