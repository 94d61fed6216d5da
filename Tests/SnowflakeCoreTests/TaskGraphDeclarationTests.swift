import Foundation
import SnowflakeCore
import SnowflakeModels
import Testing

@Suite("Task graphs declared in Swift")
struct TaskGraphDeclarationTests {
    @Test("a graph lowers to a root task and one task per node, each after its predecessors")
    func lowering() throws {
        let graph = TaskGraph(
            "mydag", schedule: .minutes(10), warehouse: "wh", taskAutoRetryAttempts: 2, overlapPolicy: .allowChildOverlap,
            config: ["env": "prod"])
        let t1 = try graph.task("t1", "select 1")
        let branch = try graph.branch("br", TaskContext.setReturnValue("t3"))
        let t2 = try graph.task("t2", "select 2", options: .init(condition: "1 = 1"))
        let t3 = try graph.task("t3", .call(StoredProcedureCall("db.sc.load", arguments: ["it's", 3, true, ["k": "v"]])), options: .init(isServerless: true))
        let fin = try graph.finalizer("fin", "select 'done'")
        try t1 >> branch
        try branch >> [t2, t3]
        let models = graph.taskModels()
        #expect(models.map(\.name) == ["mydag", "mydag$t1", "mydag$br", "mydag$t2", "mydag$t3", "mydag$fin"])

        let root = models[0]
        #expect(root.definition == TaskGraph.rootDefinition)
        #expect(root.schedule == .minutes(10))
        #expect(root.taskAutoRetryAttempts == 2)
        #expect(root.overlapPolicy == .allowChildOverlap)
        #expect(root.config == ["env": "prod"])
        #expect(root.predecessors == nil)

        #expect(models[1].predecessors == ["mydag"], "a task without predecessors runs after the root")
        #expect(models[1].warehouse == "wh", "tasks inherit the graph's warehouse")
        #expect(models[2].definition == "CALL SYSTEM$SET_RETURN_VALUE('t3')")
        #expect(models[3].condition == "SYSTEM$GET_PREDECESSOR_RETURN_VALUE('MYDAG$BR') = 't2' and 1 = 1")
        #expect(models[4].predecessors == ["mydag$br"])
        #expect(models[4].warehouse == nil, "a serverless task has no warehouse")
        #expect(models[4].definition == #"CALL db.sc.load('it''s', 3, TRUE, PARSE_JSON('{"k":"v"}'))"#)
        #expect(models[5].finalize == "mydag")
        #expect(models[5].predecessors == nil)
        #expect(models.dropFirst().allSatisfy { $0.schedule == nil })

        #expect(t3.predecessors == [branch])
        #expect(branch.successors == [t2, t3])
        #expect(fin.isFinalizer && branch.isBranch)
        #expect(graph.finalizerTask == fin)
        #expect(graph["t2"] == t2 && graph["nope"] == nil)
    }

    @Test("creation order follows the links, not the order tasks were added")
    func dependencyOrder() throws {
        let graph = TaskGraph("g")
        let last = try graph.task("last", "select 3")
        let first = try graph.task("first", "select 1")
        let middle = try graph.task("middle", "select 2")
        try graph.chain(first, [middle], last)
        try first >> last
        #expect(graph.taskModels().map(\.name) == ["g", "g$first", "g$middle", "g$last"])
        #expect(last.predecessors == [middle, first])
    }

    @Test("cycles, links across graphs, finalizer links, a second finalizer and duplicate names are refused at once")
    func refusals() throws {
        let graph = TaskGraph("g", warehouse: "wh")
        let a = try graph.task("a", "select 1")
        let b = try graph.task("b", "select 1")
        let c = try graph.task("c", "select 1")
        try graph.chain(a, b, c)
        let other = try TaskGraph("other").task("x", "select 1")
        let fin = try graph.finalizer("fin", "select 1")
        let attempts: [() throws -> Void] = [
            { try c >> a },
            { try a >> a },
            { try a >> other },
            { try other << a },
            { try a >> fin },
            { try graph.finalizer("fin2", "select 1") },
            { try graph.task("a", "select 2") },
            { try graph.task("s", "select 1", options: .init(warehouse: "wh2", isServerless: true)) },
        ]
        for attempt in attempts {
            #expect(throws: SnowflakeError.self) { try attempt() }
            do { try attempt() } catch let error as SnowflakeError { #expect(error.code == .invalidArgument) }
        }
        #expect(c.predecessors == [b], "a refused link changes nothing")
        #expect(graph.tasks.count == 4)
    }

    @Test("task context helpers write the system functions a task runs")
    func context() {
        let graph = TaskGraph("etl")
        let extract = try? graph.task("extract", "select 1")
        #expect(TaskContext.setReturnValue(TaskContext.predecessorReturnValue(extract) + .literal("!")).sql
            == "CALL SYSTEM$SET_RETURN_VALUE(SYSTEM$GET_PREDECESSOR_RETURN_VALUE('ETL$EXTRACT') || '!')")
        #expect(TaskContext.graphConfig("env").sql == "SYSTEM$GET_TASK_GRAPH_CONFIG('env')")
        #expect(TaskContext.runtimeInfo(.currentRootTaskName).sql == "TO_CHAR(SYSTEM$TASK_RUNTIME_INFO('CURRENT_ROOT_TASK_NAME'))")
        #expect(TaskContext.currentTaskName.equals("x") == "SYSTEM$CURRENT_USER_TASK_NAME() = 'x'")
    }
}
