"""The official connector logs in to the emulator every way a user would, and snowflake.core
then manages objects with the session it got."""
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from snowflake.connector.errors import DatabaseError
from snowflake.core import Root
from snowflake.core.database import Database

from conftest import ADMIN_PASSWORD, connect


def roundtrip(connection, name):
    """Root(conn) lists, creates, fetches and drops a database."""
    root = Root(connection)
    root.databases.create(Database(name=name))
    assert root.databases[name].fetch().name == name.upper()
    assert name.upper() in [database.name for database in root.databases.iter(like=name)]
    root.databases[name].drop()


def test_password(emulator):
    with connect(emulator, user="admin", password=ADMIN_PASSWORD) as connection:
        roundtrip(connection, "by_password")


def test_wrong_password(emulator):
    with pytest.raises(DatabaseError) as failure:
        connect(emulator, user="admin", password="wrong")
    assert failure.value.errno == 390100


def test_key_pair(emulator, tmp_path):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    emulator.rest("POST", "/api/v2/users", {"name": "py_key_user", "default_role": "ACCOUNTADMIN", "rsa_public_key": public})
    key_file = tmp_path / "key.p8"
    key_file.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    with connect(emulator, user="py_key_user", authenticator="SNOWFLAKE_JWT", private_key_file=str(key_file)) as connection:
        roundtrip(connection, "by_key_pair")


def test_key_pair_with_another_key_is_refused(emulator, tmp_path):
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    key_file = tmp_path / "other.p8"
    key_file.write_bytes(other.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    with pytest.raises(DatabaseError) as failure:
        connect(emulator, user="admin", authenticator="SNOWFLAKE_JWT", private_key_file=str(key_file))
    assert failure.value.errno == 390144


def test_programmatic_access_token(emulator):
    with connect(emulator, user="admin", authenticator="PROGRAMMATIC_ACCESS_TOKEN", token=emulator.token) as connection:
        roundtrip(connection, "by_token")
