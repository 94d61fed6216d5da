"""Roles, database roles, users' roles and the grants API through the official snowflake.core
against the emulator."""
import pytest
from snowflake.core import CreateMode
from snowflake.core.database import Database
from snowflake.core.database_role import DatabaseRole
from snowflake.core.database_role import ContainingScope as DbContainingScope
from snowflake.core.database_role import Securable as DbSecurable
from snowflake.core.exceptions import APIError, ConflictError, NotFoundError
from snowflake.core.grant import Grant, Grantees, Privileges, Securables
from snowflake.core.role import ContainingScope, Role, Securable
from snowflake.core.schema import Schema
from snowflake.core.task import Task
from snowflake.core.user import Securable as UserSecurable
from snowflake.core.user import User


@pytest.fixture(scope="module")
def database(root):
    root.databases.create(Database(name="py_grants"), mode=CreateMode.or_replace)
    yield root.databases["py_grants"]
    root.databases["py_grants"].drop()


def test_system_roles_and_lifecycle(root):
    names = {role.name for role in root.roles.iter()}
    assert {"ACCOUNTADMIN", "SECURITYADMIN", "SYSADMIN", "USERADMIN", "ORGADMIN", "PUBLIC"} <= names
    with pytest.raises(APIError):
        root.roles["public"].drop()
    root.roles.create(Role(name="py_role", comment="c"))
    with pytest.raises(ConflictError):
        root.roles.create(Role(name="py_role"))
    root.roles.create(Role(name="py_role"), mode=CreateMode.if_not_exists)
    listed = [role for role in root.roles.iter(like="py_ro%")]
    assert [(role.name, role.comment, role.owner) for role in listed] == [("PY_ROLE", "c", "ACCOUNTADMIN")]
    assert [r.name for r in root.roles.iter(starts_with="PY_R", limit=1, from_name="PY_A")] == ["PY_ROLE"]
    root.roles["py_role"].drop()
    with pytest.raises(NotFoundError):
        root.roles["py_role"].drop()
    root.roles["py_role"].drop(if_exists=True)


def test_role_grants(root, database):
    root.roles.create(Role(name="py_analyst"), mode=CreateMode.or_replace)
    root.roles.create(Role(name="py_lead"), mode=CreateMode.or_replace)
    analyst = root.roles["py_analyst"]
    analyst.grant_privileges(["USAGE", "MONITOR"], "database", Securable(name="py_grants"), grant_option=True)
    analyst.grant_privileges_on_all(["USAGE"], "schema", ContainingScope(database="py_grants"))
    analyst.grant_future_privileges(["MONITOR"], "task", ContainingScope(database="py_grants", schema="public"))
    database.schemas["public"].tasks.create(Task(name="py_task", definition="select 1"), mode=CreateMode.or_replace)
    held = list(analyst.iter_grants_to())
    assert {(g.securable_type, g.privileges[0]) for g in held} >= {("DATABASE", "USAGE"), ("DATABASE", "MONITOR"), ("SCHEMA", "USAGE"), ("TASK", "MONITOR")}
    assert [g.securable_type for g in analyst.iter_future_grants_to()] == ["TASK"]
    with pytest.raises(APIError):
        analyst.grant_privileges(["SELECT"], "database", Securable(name="py_grants"))
    with pytest.raises(NotFoundError):
        analyst.grant_privileges(["USAGE"], "database", Securable(name="py_missing"))

    root.roles["py_lead"].grant_role("ROLE", Securable(name="py_analyst"))
    with pytest.raises(APIError):
        analyst.grant_role("ROLE", Securable(name="py_lead"))
    assert [(g.granted_to, g.grantee_name) for g in analyst.iter_grants_of()] == [("ROLE", "PY_LEAD")]
    assert [g.privilege for g in analyst.iter_grants_on()] == ["OWNERSHIP"]
    root.roles["py_lead"].revoke_role("ROLE", Securable(name="py_analyst"))
    assert list(analyst.iter_grants_of()) == []

    analyst.revoke_grant_option_for_privileges(["USAGE"], "database", Securable(name="py_grants"))
    analyst.revoke_privileges(["MONITOR"], "database", Securable(name="py_grants"))
    analyst.revoke_privileges_on_all(["USAGE"], "schema", ContainingScope(database="py_grants"))
    analyst.revoke_future_privileges(["MONITOR"], "task", ContainingScope(database="py_grants", schema="public"))
    left = [(g.securable_type, g.privileges[0], g.grant_option) for g in analyst.iter_grants_to() if g.securable_type in ("DATABASE", "SCHEMA")]
    assert left == [("DATABASE", "USAGE", False)]
    assert list(analyst.iter_future_grants_to()) == []
    root.roles["py_lead"].drop()
    analyst.drop()


def test_user_roles(root):
    root.roles.create(Role(name="py_user_role"), mode=CreateMode.or_replace)
    root.users.create(User(name="py_granted"), mode=CreateMode.or_replace)
    user = root.users["py_granted"]
    user.grant_role("ROLE", UserSecurable(name="py_user_role"))
    assert [g.securable.name for g in user.iter_grants_to()] == ["PY_USER_ROLE"]
    user.revoke_role("ROLE", UserSecurable(name="py_user_role"))
    assert list(user.iter_grants_to()) == []
    user.drop()
    root.roles["py_user_role"].drop()


def test_database_roles(root, database):
    roles = database.database_roles
    roles.create(DatabaseRole(name="py_reader", comment="c"), mode=CreateMode.or_replace)
    with pytest.raises(ConflictError):
        roles.create(DatabaseRole(name="py_reader"))
    roles.create(DatabaseRole(name="py_writer"), mode=CreateMode.or_replace)
    assert [r.name for r in roles.iter()] == ["PY_READER", "PY_WRITER"]
    assert [r.name for r in roles.iter(limit=1, from_name="PY_R")] == ["PY_READER"]
    reader = roles["py_reader"]
    reader.grant_privileges(["USAGE"], "schema", DbSecurable(database="py_grants", name="public"))
    reader.grant_future_privileges(["MONITOR"], "task", DbContainingScope(database="py_grants", schema="public"))
    roles["py_writer"].grant_role("DATABASE ROLE", DbSecurable(database="py_grants", name="py_reader"))
    assert [g.securable_type for g in reader.iter_grants_to()] == ["SCHEMA"]
    assert [g.securable_type for g in reader.iter_future_grants_to()] == ["TASK"]
    clone = reader.clone("py_reader2")
    assert [g.securable_type for g in clone.iter_grants_to()] == ["SCHEMA"]
    reader.revoke_privileges(["USAGE"], "schema", DbSecurable(database="py_grants", name="public"))
    reader.revoke_future_privileges(["MONITOR"], "task", DbContainingScope(database="py_grants", schema="public"))
    assert list(reader.iter_grants_to()) == []
    for name in ["py_reader2", "py_writer", "py_reader"]:
        roles[name].drop()
    with pytest.raises(NotFoundError):
        roles["py_reader"].drop()


def test_grants_api(root, database):
    root.roles.create(Role(name="py_granted_role"), mode=CreateMode.or_replace)
    grantee = Grantees.role("py_granted_role")
    root.grants.grant(Grant(grantee=grantee, securable=Securables.current_account, privileges=[Privileges.create_database]))
    root.grants.grant(Grant(grantee=grantee, securable=Securables.database("py_grants"),
                            privileges=[Privileges.usage, Privileges.create_schema], grant_option=True))
    root.grants.grant(Grant(grantee=grantee, securable=Securables.all_schemas(Securables.database("py_grants")), privileges=[Privileges.usage]))
    root.grants.grant(Grant(grantee=grantee, securable=Securables.future_tasks(Securables.schema("py_grants.public")), privileges=[Privileges.monitor]))
    rows = list(root.grants.to(grantee))
    assert {(r.securable_type, r.securable_name, r.privileges[0]) for r in rows} >= {
        ("ACCOUNT", "EMULATOR", "CREATE DATABASE"), ("DATABASE", "PY_GRANTS", "USAGE"), ("DATABASE", "PY_GRANTS", "CREATE SCHEMA"),
        ("SCHEMA", "PY_GRANTS.PUBLIC", "USAGE")}
    assert all(r.grantee_type == "ROLE" and r.grantee_name == "PY_GRANTED_ROLE" for r in rows)
    assert len(list(root.grants.to(grantee, limit=2))) == 2
    root.grants.revoke_grant_option(Grant(grantee=grantee, securable=Securables.database("py_grants"), privileges=[Privileges.usage]))
    root.grants.revoke(Grant(grantee=grantee, securable=Securables.database("py_grants"), privileges=[Privileges.usage, Privileges.create_schema]))
    root.grants.revoke(Grant(grantee=grantee, securable=Securables.future_tasks(Securables.schema("py_grants.public")), privileges=[Privileges.monitor]))
    root.grants.revoke(Grant(grantee=grantee, securable=Securables.all_schemas(Securables.database("py_grants")), privileges=[Privileges.usage]))
    assert {(r.securable_type, r.privileges[0]) for r in root.grants.to(grantee)} == {("ACCOUNT", "CREATE DATABASE")}
    with pytest.raises(NotFoundError):
        root.grants.grant(Grant(grantee=Grantees.role("py_nobody"), securable=Securables.database("py_grants"), privileges=[Privileges.usage]))
    root.roles["py_granted_role"].drop()
