import SnowflakeModels

/// The session parameters the emulator reports, with Snowflake's defaults. Nothing in the REST
/// API sets them, so each is at its default (level empty).
enum SessionParameters {
    static let defaults: [(name: String, value: String, type: String, description: String)] = [
        ("ABORT_DETACHED_QUERY", "false", "BOOLEAN", "Whether a query whose client disconnected is aborted."),
        ("AUTOCOMMIT", "true", "BOOLEAN", "Whether each statement commits on its own."),
        ("BINARY_INPUT_FORMAT", "HEX", "STRING", "How binary input is read."),
        ("BINARY_OUTPUT_FORMAT", "HEX", "STRING", "How binary values are shown."),
        ("CLIENT_SESSION_KEEP_ALIVE", "false", "BOOLEAN", "Whether the client keeps the session alive."),
        ("DATE_INPUT_FORMAT", "AUTO", "STRING", "How dates are read."),
        ("DATE_OUTPUT_FORMAT", "YYYY-MM-DD", "STRING", "How dates are shown."),
        ("ERROR_ON_NONDETERMINISTIC_MERGE", "true", "BOOLEAN", "Whether a MERGE that matches a row twice fails."),
        ("ERROR_ON_NONDETERMINISTIC_UPDATE", "false", "BOOLEAN", "Whether an UPDATE that matches a row twice fails."),
        ("JSON_INDENT", "2", "NUMBER", "Spaces per level when JSON is shown."),
        ("LOCK_TIMEOUT", "43200", "NUMBER", "Seconds a statement waits for a lock."),
        ("QUERY_TAG", "", "STRING", "A tag for the session's queries."),
        ("QUOTED_IDENTIFIERS_IGNORE_CASE", "false", "BOOLEAN", "Whether quoted identifiers fold to upper case."),
        ("ROWS_PER_RESULTSET", "0", "NUMBER", "The most rows a result set holds (0: no limit)."),
        ("STATEMENT_QUEUED_TIMEOUT_IN_SECONDS", "0", "NUMBER", "Seconds a statement may wait in a warehouse's queue (0: no limit)."),
        ("STATEMENT_TIMEOUT_IN_SECONDS", "172800", "NUMBER", "Seconds a statement may run."),
        ("TIMESTAMP_OUTPUT_FORMAT", "YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM", "STRING", "How timestamps are shown."),
        ("TIMESTAMP_TYPE_MAPPING", "TIMESTAMP_NTZ", "STRING", "The timestamp type TIMESTAMP stands for."),
        ("TIMEZONE", "America/Los_Angeles", "STRING", "The session's time zone."),
        ("TIME_OUTPUT_FORMAT", "HH24:MI:SS", "STRING", "How times are shown."),
        ("TRANSACTION_DEFAULT_ISOLATION_LEVEL", "READ COMMITTED", "STRING", "The isolation level of transactions."),
        ("USE_CACHED_RESULT", "true", "BOOLEAN", "Whether results are reused from the result cache."),
        ("WEEK_OF_YEAR_POLICY", "0", "NUMBER", "How the first week of a year is counted."),
        ("WEEK_START", "0", "NUMBER", "The first day of the week (0: ISO, Monday)."),
    ]

    /// The parameters whose names match `like` (case-insensitive SQL pattern), by name.
    static func effective(like: String?) -> [SessionParameter] {
        let matcher = like.map(LikePattern.init)
        return defaults.filter { matcher?.matches($0.name) ?? true }.map {
            SessionParameter(name: $0.name, value: $0.value, defaultValue: $0.value, dataType: $0.type, level: "", description: $0.description)
        }
    }
}
