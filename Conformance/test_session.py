"""The session API of the official snowflake.core (its `SnowAPISession` and the generated
`SessionApi` it wraps) against the emulator: defaults, secondary roles, effective parameters."""
import pytest
from snowflake.core import CreateMode
from snowflake.core.database import Database
from snowflake.core.exceptions import ForbiddenError, NotFoundError
from snowflake.core.role import Role
from snowflake.core.session._generated.models.named_default import NamedDefault
from snowflake.core.session._generated.models.secondary_roles import SecondaryRoles
from snowflake.core.user import Securable as UserSecurable


def test_parameters(root):
    parameters = root._snowapi_session.get_parameters("TIME%")
    assert parameters["timezone"] == "america/los_angeles"
    assert "time_output_format" in parameters
    assert root._snowapi_session.get_parameters("NO_SUCH_%") == {}


def test_defaults_and_roles(root):
    api = root._snowapi_session._api
    root.databases.create(Database(name="py_session"), mode=CreateMode.or_replace)
    api.set_default_database(NamedDefault(name="py_session"))
    assert api.get_default_database().session_default == "PY_SESSION"
    assert api.get_default_schema().session_default == "PUBLIC"
    with pytest.raises(NotFoundError):
        api.set_default_schema(NamedDefault(name="py_session.missing"))
    with pytest.raises(NotFoundError):
        api.set_default_warehouse(NamedDefault(name="py_no_warehouse"))

    root.roles.create(Role(name="py_session_role"), mode=CreateMode.or_replace)
    with pytest.raises(ForbiddenError):
        api.set_default_role(NamedDefault(name="py_session_role"))
    root.users["admin"].grant_role("ROLE", UserSecurable(name="py_session_role"))
    api.set_default_role(NamedDefault(name="py_session_role"))
    assert api.get_default_role().session_default == "PY_SESSION_ROLE"
    api.set_default_role(NamedDefault(name="accountadmin"))

    api.use_secondary_role(SecondaryRoles(use=True))
    assert api.get_current_secondary_roles().value == "ALL"
    api.use_secondary_role(SecondaryRoles(use=False))
    assert api.get_current_secondary_roles().value == ""
    root.users["admin"].revoke_role("ROLE", UserSecurable(name="py_session_role"))
    root.roles["py_session_role"].drop()
    root.databases["py_session"].drop()
