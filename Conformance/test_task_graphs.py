"""Task graphs declared with the official DAG API, run by the emulator's scheduler, their runs
read back through the official library."""
from datetime import timedelta

import pytest
from snowflake.core import CreateMode
from snowflake.core.database import Database
from snowflake.core.task.dagv1 import DAG, DAGOperation, DAGTask, DAGTaskBranch

from conftest import wait_for


@pytest.fixture(scope="module")
def schema(root):
    root.databases.create(Database(name="py_graphs"), mode=CreateMode.or_replace)
    yield root.databases["py_graphs"].schemas["public"]
    root.databases["py_graphs"].drop()


def complete_runs(operation, dag, count):
    """The graph's finished runs, once there are `count` of them."""
    def read():
        runs = operation.get_complete_dag_runs(dag, error_only=False)
        return runs if len(runs) >= count else None
    return wait_for(read, f"{count} finished runs of {dag.name}")


def test_branching_graph_runs_and_succeeds(schema):
    with DAG("py_graph", schedule=timedelta(minutes=30), config={"env": "conformance"}) as dag:
        extract = DAGTask("extract", "call system$set_return_value('42')")
        route = DAGTaskBranch("route", "call system$set_return_value('load')")
        load = DAGTask("load", "select system$set_return_value(system$get_task_graph_config('env'))")
        other = DAGTask("other", "select 1 / 0")
        DAGTask("cleanup", "select 'done'", is_finalizer=True)
        extract >> route >> [load, other]
    operation = DAGOperation(schema)
    operation.deploy(dag, mode=CreateMode.or_replace)
    assert list(operation.iter_dags(like="py_graph")) == ["PY_GRAPH"]
    assert [run.state for run in operation.get_current_dag_runs(dag)] == ["SCHEDULED"]

    operation.run(dag)
    [run] = complete_runs(operation, dag, 1)
    # The branch chose `load`, so `other` (which would divide by zero) was skipped.
    assert (run.dag_name, run.state, run.database_name, run.schema_name) == ("PY_GRAPH", "SUCCEEDED", "PY_GRAPHS", "PUBLIC")
    assert run.first_error_task_name is None
    assert run.graph_version >= 1 and run.run_id > 0
    assert operation.get_complete_dag_runs(dag) == []
    operation.drop(dag, drop_finalizer=True)
    assert list(schema.tasks.iter(like="py_graph%")) == []


def test_failing_graph_reports_its_error_and_retries(schema):
    with DAG("py_failing", task_auto_retry_attempts=1) as dag:
        first = DAGTask("first", "select 1")
        broken = DAGTask("broken", "select 1 / 0")
        first >> broken
    operation = DAGOperation(schema)
    operation.deploy(dag, mode=CreateMode.or_replace)
    operation.run(dag)
    runs = complete_runs(operation, dag, 2)
    assert [(run.state, run.first_error_task_name, run.first_error_code, run.first_error_message) for run in runs] == [
        ("FAILED", "PY_FAILING$BROKEN", 100051, "Division by zero")] * 2
    assert len({run.run_id for run in runs}) == 1

    operation.run(dag, retry_last=True)
    assert len(complete_runs(operation, dag, 3)) == 3
    assert len(operation.get_complete_dag_runs(dag, error_only=True)) == 3
    operation.drop(dag, drop_finalizer=True)
