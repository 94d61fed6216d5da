import Foundation
import Logging

/// How to run an emulator. Every property has a default suited to tests.
///
/// ```swift
/// var configuration = EmulatorConfiguration()
/// configuration.dataDirectory = "/var/lib/snowapi"
/// configuration.port = 8080
/// ```
public struct EmulatorConfiguration: Sendable {
    /// The address to listen on; loopback by default.
    public var host: String
    /// The port; 0 picks a free one.
    public var port: Int
    /// Where the SQLite database lives; nil uses a new temporary directory, removed on stop.
    public var dataDirectory: String?
    /// The administrator created with a fresh data directory (owner role ACCOUNTADMIN).
    public var adminUser: String
    /// The administrator's password; nil leaves the user without one.
    public var adminPassword: String?
    /// The clock for timestamps, retention and schedules.
    public var clock: any EmulatorClock
    /// The largest request body accepted, in bytes.
    public var maximumBodySize: Int
    /// When true, every API call is answered `202 Accepted` with a result handle, and its
    /// result is served by `/api/v2/results/{handle}`: how Snowflake answers calls that take
    /// longer than 45 seconds. For exercising clients' polling.
    public var answersAsynchronously: Bool
    /// Where the emulator logs. Secrets are never logged.
    public var logger: Logger
    /// The account identifier key-pair JWTs must name (`sub = ACCOUNT.USER`); any case.
    public var accountName: String
    /// How long a session token from a login lasts (its master token lasts four times as long).
    public var sessionValidity: TimeInterval
    /// Where REST API v2 exchanges are recorded for checking against the specs; nil records
    /// nothing.
    public var trafficRecorder: TrafficRecorder?
    /// Whether task runs move on by themselves as the clock reaches them (the default) or only
    /// when ``RunningEmulator/runDueTasks()`` is called (for tests with a ``ManualClock``).
    public var taskScheduling: TaskScheduling
    /// The most one request to the stage storage may carry, announced as the `threshold` of
    /// `PUT` answers: clients upload larger files in parts (S3 multipart uploads). 64 MiB.
    public var multipartThreshold = 1 << 26

    /// A configuration with defaults: loopback, free port, temporary data, admin `ADMIN`.
    public init(
        host: String = "127.0.0.1", port: Int = 0, dataDirectory: String? = nil, adminUser: String = "ADMIN",
        adminPassword: String? = nil, clock: any EmulatorClock = SystemClock(), maximumBodySize: Int = 1 << 20,
        answersAsynchronously: Bool = false, logger: Logger = Logger(label: "snowflake.emulator"),
        accountName: String = "EMULATOR", sessionValidity: TimeInterval = 4 * 3600,
        taskScheduling: TaskScheduling = .automatic
    ) {
        self.taskScheduling = taskScheduling
        self.accountName = accountName
        self.sessionValidity = sessionValidity
        self.trafficRecorder = nil
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.adminUser = adminUser
        self.adminPassword = adminPassword
        self.clock = clock
        self.maximumBodySize = maximumBodySize
        self.answersAsynchronously = answersAsynchronously
        self.logger = logger
    }
}
