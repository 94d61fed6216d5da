import Foundation
@testable import SnowflakeEmulator
import Testing

@Suite("What a task run can execute")
struct TaskStatementTests {
    private let statement = TaskStatement(
        environment: TaskStatement.Environment(
            taskName: "DB.SC.G$CHILD",
            predecessorValues: [("DB.SC.G$A", "alpha"), ("DB.SC.G$B", nil)], config: #"{"env":"prod","n":3}"#,
            runtimeInfo: ["CURRENT_ROOT_TASK_NAME": "DB.SC.G"]))

    private func returned(_ text: String) throws -> String? { try statement.run(text).returnValue }

    @Test("SELECT of expressions and CALL of the task functions", arguments: [
        ("call system$set_return_value('x')", "x"),
        ("SELECT SYSTEM$SET_RETURN_VALUE(1 + 2 * 3);", "7"),
        ("select system$set_return_value(7 / 2)", "3.5"),
        ("select system$set_return_value('it''s ' || 'ok')", "it's ok"),
        ("select 1 as one, system$set_return_value(system$get_predecessor_return_value('g$a'))", "alpha"),
        ("call system$set_return_value(coalesce(system$get_predecessor_return_value('DB.SC.G$B'), 'none'))", "none"),
        ("call system$set_return_value(system$get_task_graph_config('env'))", "prod"),
        ("call system$set_return_value(system$get_task_graph_config('n'))", "3"),
        ("call system$set_return_value(system$get_task_graph_config())", #"{"env":"prod","n":3}"#),
        ("call system$set_return_value(system$current_user_task_name())", "DB.SC.G$CHILD"),
        ("select system$set_return_value(to_char(system$task_runtime_info('current_root_task_name')))", "DB.SC.G"),
        ("select system$set_return_value(iff(2 > 1 and not false, upper('y'), 'n'))", "Y"),
        ("select system$set_return_value('12'::number + 1)", "13"),
    ])
    func results(text: String, value: String) throws {
        #expect(try returned(text) == value)
    }

    @Test("a statement without a return value, and SYSTEM$WAIT's duration")
    func durations() throws {
        #expect(try statement.run("select 'dag dummy root'") == TaskStatement.Outcome())
        #expect(try statement.run("select system$wait(2, 'MINUTES'), system$wait(500, 'milliseconds')").duration == 120.5)
    }

    @Test("errors carry Snowflake's codes", arguments: [
        ("select 1/0", 100_051),
        ("select 'abc'::number", 100_038),
        ("select nosuch(1)", 2_140),
        ("select (1", 1_003),
        ("select 'open", 1_003),
        ("insert into t values (1)", 2),
        ("begin select 1; end", 2),
        ("select system$get_predecessor_return_value()", TaskStatement.taskFunctionError),
        ("select system$get_predecessor_return_value('other')", TaskStatement.taskFunctionError),
        ("select 1 from t", 2),
        ("call ops.audit('nightly')", 2),
        ("select ops.audit(1)", 2_140),
    ])
    func errors(text: String, code: Int) {
        #expect(throws: TaskStatement.Failure.self) { try statement.run(text) }
        do { _ = try statement.run(text) } catch { #expect(error.code == code) }
    }

    @Test("conditions: true runs, false and NULL skip")
    func conditions() throws {
        #expect(try statement.condition("SYSTEM$GET_PREDECESSOR_RETURN_VALUE('G$A') = 'alpha'"))
        #expect(try !statement.condition("system$get_predecessor_return_value('g$a') = 'beta'"))
        #expect(try !statement.condition("system$get_predecessor_return_value('g$b') = 'x'"))
        #expect(try statement.condition("system$get_predecessor_return_value('g$b') is null or false"))
    }
}

@Suite("Cron schedules")
struct CronExpressionTests {
    private func date(_ text: String) throws -> Date { try Date(text, strategy: .iso8601) }

    @Test("next times in a time zone, across daylight saving and day rules", arguments: [
        ("0 * * * *", "UTC", "2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z"),
        ("*/15 * * * *", "UTC", "2026-01-01T00:07:00Z", "2026-01-01T00:15:00Z"),
        ("30 9 * * *", "America/New_York", "2026-01-01T00:00:00Z", "2026-01-01T14:30:00Z"),
        ("30 9 * * *", "America/New_York", "2026-07-01T00:00:00Z", "2026-07-01T13:30:00Z"),
        ("0 0 1 * *", "Europe/Paris", "2026-01-15T00:00:00Z", "2026-01-31T23:00:00Z"),
        ("0 12 * * SAT,SUN", "UTC", "2026-01-01T00:00:00Z", "2026-01-03T12:00:00Z"),
        ("0 12 13 * FRI", "UTC", "2026-01-01T00:00:00Z", "2026-01-02T12:00:00Z"),
        ("0 0 29 FEB *", "UTC", "2026-01-01T00:00:00Z", "2028-02-29T00:00:00Z"),
        ("0 8-10/2 * * MON-FRI", "UTC", "2026-01-02T08:30:00Z", "2026-01-02T10:00:00Z"),
    ])
    func next(expression: String, zone: String, after: String, expected: String) throws {
        let cron = try CronExpression(expression, timeZone: zone)
        #expect(cron.next(after: try date(after)) == (try date(expected)))
    }

    @Test("invalid expressions are refused", arguments: ["* * * *", "60 * * * *", "* 24 * * *", "5-1 * * * *", "*/0 * * * *", "0 0 * * FUNDAY"])
    func invalid(expression: String) {
        #expect(throws: CronExpression.Invalid.self) { try CronExpression(expression, timeZone: "UTC") }
    }
}
