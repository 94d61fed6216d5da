"""Tasks and task graphs through the official snowflake.core against the emulator."""
from datetime import timedelta

import pytest
from snowflake.core import CreateMode
from snowflake.core.database import Database
from snowflake.core.exceptions import APIError, ConflictError, NotFoundError
from snowflake.core.task import Cron, Task
from snowflake.core.task.dagv1 import DAG, DAGOperation, DAGTask

from conftest import wait_for


@pytest.fixture(scope="module")
def schema(root):
    root.databases.create(Database(name="py_tasks"), mode=CreateMode.or_replace)
    yield root.databases["py_tasks"].schemas["public"]
    root.databases["py_tasks"].drop()


def test_seed_walkthrough(schema):
    tasks = schema.tasks
    task = tasks.create(Task(name="task1", definition="select 1", schedule=timedelta(hours=1)))
    assert task.name == "task1"
    snapshot = task.fetch()
    assert (snapshot.name, snapshot.schedule, snapshot.schema_name, snapshot.state) == ("TASK1", timedelta(hours=1), "PUBLIC", "suspended")
    task.resume()
    assert task.fetch().state == "started"
    task.suspend()
    task.execute()
    runs = wait_for(lambda: list(task.get_complete_graphs(error_only=False)), "the executed run to finish")
    assert [run.state for run in runs] == ["SUCCEEDED"]
    task.drop()
    with pytest.raises(NotFoundError):
        task.execute()


def test_modes_listing_and_alter(schema):
    schema.tasks.create(Task(name="t_cron", definition="select 1", schedule=Cron("0 9 * * *", "UTC"), comment="c"))
    with pytest.raises(ConflictError):
        schema.tasks.create(Task(name="t_cron", definition="select 1"))
    schema.tasks.create(Task(name="t_cron", definition="select 2"), mode=CreateMode.if_not_exists)
    assert schema.tasks["t_cron"].fetch().definition == "select 1"
    schema.tasks.create(Task(name="t_child", definition="select 3", predecessors=["t_cron"]))
    assert [t.name for t in schema.tasks.iter(root_only=True)] == ["T_CRON"]
    assert [t.name for t in schema.tasks.iter(like="t_%", limit=1)] == ["T_CHILD"]
    assert [t.name for t in schema.tasks.iter(starts_with="T_C", from_name="T_CHILD", limit=5)] == ["T_CRON"]
    assert [t.name for t in schema.tasks["t_cron"].fetch_task_dependents(recursive=True)] == ["T_CRON", "T_CHILD"]
    schema.tasks["t_child"].create_or_alter(Task(name="t_child", definition="select 4", predecessors=["t_cron"]))
    assert schema.tasks["t_child"].fetch().predecessors == ["PY_TASKS.PUBLIC.T_CRON"]
    with pytest.raises(APIError) as retry:
        schema.tasks["t_cron"].execute(retry_last=True)
    assert retry.value.status == 400
    assert list(schema.tasks["t_cron"].get_complete_graphs(error_only=False)) == []
    schema.tasks["t_child"].drop()
    schema.tasks["t_cron"].drop()
    schema.tasks["t_cron"].drop(if_exists=True)


def test_dag_deploy_run_and_drop(schema):
    with DAG("py_dag", schedule=timedelta(minutes=10), config={"env": "test"}) as dag:
        first = DAGTask("first", "select 1")
        second = DAGTask("second", "select 2")
        third = DAGTask("third", "select 3")
        DAGTask("final", "select 4", is_finalizer=True)
        first >> [second, third]
    operation = DAGOperation(schema)
    operation.deploy(dag, mode=CreateMode.or_replace)
    root_task = schema.tasks["py_dag"].fetch()
    assert root_task.state == "started"
    assert '"FinalizerTask":"PY_TASKS.PUBLIC.PY_DAG$FINAL"' in root_task.task_relations.replace(" ", "")
    assert sorted(t.name for t in schema.tasks.iter(like="py_dag%")) == [
        "PY_DAG", "PY_DAG$FINAL", "PY_DAG$FIRST", "PY_DAG$SECOND", "PY_DAG$THIRD"]
    runs = operation.get_current_dag_runs(dag)
    assert [(run.dag_name, run.state) for run in runs] == [("PY_DAG", "SCHEDULED")]
    operation.deploy(dag, mode=CreateMode.or_replace)
    operation.drop(dag, drop_finalizer=True)
    assert list(schema.tasks.iter(like="py_dag%")) == []
