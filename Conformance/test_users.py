"""Users through the official snowflake.core against the emulator."""
import pytest
from snowflake.core import CreateMode
from snowflake.core.exceptions import ConflictError, NotFoundError
from snowflake.core.user import User


def test_lifecycle(root):
    root.users.create(User(name="py_user", password="pw-1", comment="c", default_role="PUBLIC"))
    with pytest.raises(ConflictError):
        root.users.create(User(name="py_user"))
    user = root.users["py_user"].fetch()
    assert (user.name, user.has_password, user.password) == ("PY_USER", True, None)
    assert "PY_USER" in [u.name for u in root.users.iter(like="py_%")]
    root.users["py_user"].create_or_alter(User(name="py_user", comment="changed"))
    assert root.users["py_user"].fetch().comment == "changed"
    root.users.create(User(name="py_user", comment="kept?"), mode=CreateMode.if_not_exists)
    assert root.users["py_user"].fetch().comment == "changed"
    root.users.create(User(name="py_user", comment="replaced"), mode=CreateMode.or_replace)
    assert root.users["py_user"].fetch().comment == "replaced"
    assert [u.name for u in root.users.iter(starts_with="PY_U", limit=5, from_name="PY_T")] == ["PY_USER"]
    root.users["py_user"].drop()
    with pytest.raises(NotFoundError):
        root.users["py_user"].fetch()
    with pytest.raises(NotFoundError):
        root.users["py_user"].drop()
    root.users["py_user"].drop(if_exists=True)
