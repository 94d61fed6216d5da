/// Which privileges exist, and which apply to which kind of object, as Snowflake's
/// `GRANT <privileges>` documents them. A grant of a privilege that does not apply to the
/// securable's type is refused, as Snowflake refuses it; `ALL [PRIVILEGES]` becomes every
/// privilege of the type (never `OWNERSHIP`).
enum PrivilegeCatalog {
    /// The privileges of each securable type this catalog knows. Types not listed accept any
    /// known privilege.
    static let byType: [String: [String]] = [
        "ACCOUNT": [
            "APPLY AGGREGATION POLICY", "APPLY AUTHENTICATION POLICY", "APPLY MASKING POLICY", "APPLY PACKAGES POLICY",
            "APPLY PASSWORD POLICY", "APPLY PROJECTION POLICY", "APPLY ROW ACCESS POLICY", "APPLY SESSION POLICY", "APPLY TAG",
            "ATTACH POLICY", "AUDIT", "BIND SERVICE ENDPOINT", "CREATE ACCOUNT", "CREATE APPLICATION",
            "CREATE APPLICATION PACKAGE", "CREATE COMPUTE POOL", "CREATE DATA EXCHANGE LISTING", "CREATE DATABASE",
            "CREATE EXTERNAL VOLUME", "CREATE FAILOVER GROUP", "CREATE INTEGRATION", "CREATE NETWORK POLICY",
            "CREATE REPLICATION GROUP", "CREATE ROLE", "CREATE SHARE", "CREATE USER", "CREATE WAREHOUSE", "EXECUTE ALERT",
            "EXECUTE DATA METRIC FUNCTION", "EXECUTE MANAGED ALERT", "EXECUTE MANAGED TASK", "EXECUTE TASK", "IMPORT SHARE",
            "MANAGE ACCOUNT SUPPORT CASES", "MANAGE EVENT SHARING", "MANAGE GRANTS", "MANAGE LISTING AUTO FULFILLMENT",
            "MANAGE ORGANIZATION SUPPORT CASES", "MANAGE USER SUPPORT CASES", "MANAGE WAREHOUSES", "MODIFY LOG LEVEL",
            "MODIFY SESSION LOG LEVEL", "MODIFY SESSION TRACE LEVEL", "MODIFY TRACE LEVEL", "MONITOR", "MONITOR EXECUTION",
            "MONITOR SECURITY", "MONITOR USAGE", "OVERRIDE SHARE RESTRICTIONS", "PURCHASE DATA EXCHANGE LISTING", "RESOLVE ALL",
        ],
        "DATABASE": ["APPLYBUDGET", "CREATE DATABASE ROLE", "CREATE SCHEMA", "IMPORTED PRIVILEGES", "MODIFY", "MONITOR", "REFERENCE_USAGE", "USAGE"],
        "SCHEMA": [
            "ADD SEARCH OPTIMIZATION", "APPLYBUDGET", "CREATE AGGREGATION POLICY", "CREATE ALERT", "CREATE AUTHENTICATION POLICY",
            "CREATE DATASET", "CREATE DYNAMIC TABLE", "CREATE EVENT TABLE", "CREATE EXTERNAL TABLE", "CREATE FILE FORMAT",
            "CREATE FUNCTION", "CREATE GIT REPOSITORY", "CREATE HYBRID TABLE", "CREATE ICEBERG TABLE", "CREATE IMAGE REPOSITORY",
            "CREATE MASKING POLICY", "CREATE MATERIALIZED VIEW", "CREATE MODEL", "CREATE NETWORK RULE", "CREATE NOTEBOOK",
            "CREATE PACKAGES POLICY", "CREATE PASSWORD POLICY", "CREATE PIPE", "CREATE PROCEDURE", "CREATE PROJECTION POLICY",
            "CREATE ROW ACCESS POLICY", "CREATE SECRET", "CREATE SEQUENCE", "CREATE SERVICE", "CREATE SESSION POLICY",
            "CREATE SNAPSHOT", "CREATE SNOWFLAKE.CORE.BUDGET", "CREATE SNOWFLAKE.ML.ANOMALY_DETECTION",
            "CREATE SNOWFLAKE.ML.FORECAST", "CREATE STAGE", "CREATE STREAM", "CREATE STREAMLIT", "CREATE TABLE", "CREATE TAG",
            "CREATE TASK", "CREATE VIEW", "MODIFY", "MONITOR", "USAGE",
        ],
        "WAREHOUSE": ["APPLYBUDGET", "MODIFY", "MONITOR", "OPERATE", "USAGE"],
        "COMPUTE POOL": ["MODIFY", "MONITOR", "OPERATE", "USAGE"],
        "TASK": ["APPLYBUDGET", "MONITOR", "OPERATE"],
        "USER": ["MONITOR"],
        "INTEGRATION": ["USAGE", "USE_ANY_ROLE"],
        "EXTERNAL VOLUME": ["USAGE"],
        "NETWORK POLICY": ["USAGE"],
        "TAG": ["APPLY", "READ"],
        "TABLE": ["APPLYBUDGET", "DELETE", "EVOLVE SCHEMA", "INSERT", "REFERENCES", "SELECT", "TRUNCATE", "UPDATE"],
        "ICEBERG TABLE": ["APPLYBUDGET", "DELETE", "EVOLVE SCHEMA", "INSERT", "REFERENCES", "SELECT", "TRUNCATE", "UPDATE"],
        "VIEW": ["REFERENCES", "SELECT"],
        "DYNAMIC TABLE": ["MONITOR", "OPERATE", "SELECT"],
        "EVENT TABLE": ["DELETE", "INSERT", "REFERENCES", "SELECT", "TRUNCATE"],
        "STAGE": ["READ", "USAGE", "WRITE"],
        "STREAM": ["SELECT"],
        "PIPE": ["MONITOR", "OPERATE"],
        "SEQUENCE": ["USAGE"],
        "ALERT": ["MONITOR", "OPERATE"],
        "FUNCTION": ["USAGE"],
        "PROCEDURE": ["USAGE"],
        "SERVICE": ["MONITOR", "OPERATE", "USAGE"],
        "IMAGE REPOSITORY": ["READ", "WRITE"],
    ]

    /// Every privilege name `snowflake.core` knows (its `Privileges`), plus `OWNERSHIP`.
    static let known: Set<String> = Set(byType.values.joined()).union([
        "ALL", "ALL PRIVILEGES", "ATTACH LISTING", "DEVELOP", "FAILOVER", "INSTALL", "MANAGE RELEASES", "MANAGE VERSION",
        "OWNERSHIP", "REPLICATE", "USE ANY ROLE",
    ])

    /// The privileges a grant of `requested` on an object of `type` stands for, in Snowflake's
    /// spelling. Throws a 400 naming the first privilege that does not apply.
    static func expand(_ requested: [String], on type: String) throws -> [String] {
        guard !requested.isEmpty else { throw EmulatorError.badRequest("A grant needs at least one privilege.") }
        var result: [String] = []
        for raw in requested {
            let privilege = normalize(raw)
            if privilege == "ALL" || privilege == "ALL PRIVILEGES" {
                guard let all = byType[type] else {
                    throw EmulatorError.badRequest("ALL PRIVILEGES on \(type) is not known to the emulator; name the privileges.")
                }
                result += all
                continue
            }
            if privilege == "OWNERSHIP" {
                throw EmulatorError.badRequest("OWNERSHIP is transferred, not granted with other privileges: the emulator does not transfer ownership yet.")
            }
            let valid = byType[type].map { $0.contains(privilege) } ?? known.contains(privilege)
            guard valid else { throw EmulatorError.badRequest("Invalid privilege \(privilege) on \(type.lowercased()).") }
            result.append(privilege)
        }
        var seen = Set<String>()
        return result.filter { seen.insert($0).inserted }
    }

    /// A privilege or type name as Snowflake writes it: upper case, single spaces
    /// (`create schema` and `CREATE_SCHEMA` are `CREATE SCHEMA`; `REFERENCE_USAGE` and
    /// `USE_ANY_ROLE` keep their underscores).
    static func normalize(_ text: String) -> String {
        let upper = text.uppercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        if upper == "REFERENCE_USAGE" || upper == "USE_ANY_ROLE" || upper.hasPrefix("CREATE SNOWFLAKE.") { return upper }
        return upper.replacingOccurrences(of: "_", with: " ")
    }

    /// The singular object type of a plural one (`TABLES` → `TABLE`, `IMAGE REPOSITORIES` →
    /// `IMAGE REPOSITORY`).
    static func singular(_ plural: String) -> String {
        let type = normalize(plural)
        if type.hasSuffix("IES") { return String(type.dropLast(3)) + "Y" }
        if type.hasSuffix("S") { return String(type.dropLast()) }
        return type
    }
}
