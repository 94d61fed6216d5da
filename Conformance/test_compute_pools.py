"""Compute pools through the official snowflake.core against the emulator."""
import pytest
from snowflake.core import CreateMode
from snowflake.core.compute_pool import ComputePool
from snowflake.core.exceptions import APIError, ConflictError, NotFoundError


def pool(name, **fields):
    fields.setdefault("instance_family", "CPU_X64_XS")
    fields.setdefault("min_nodes", 1)
    fields.setdefault("max_nodes", 2)
    return ComputePool(name=name, **fields)


def test_lifecycle_and_defaults(root):
    pools = root.compute_pools
    reference = pools.create(pool("py_cp", min_nodes=2, max_nodes=3, comment="c"))
    with pytest.raises(ConflictError):
        pools.create(pool("py_cp"))
    fetched = reference.fetch()
    assert (fetched.name, fetched.state, fetched.instance_family, fetched.min_nodes, fetched.max_nodes) == ("PY_CP", "IDLE", "CPU_X64_XS", 2, 3)
    assert (fetched.active_nodes, fetched.idle_nodes, fetched.target_nodes) == (2, 2, 2)
    assert (fetched.auto_resume, fetched.auto_suspend_secs, fetched.num_services, fetched.num_jobs) == (True, 3600, 0, 0)
    assert (fetched.comment, fetched.owner) == ("c", "ACCOUNTADMIN")
    assert fetched.created_on is not None

    pools.create(pool("py_cp", comment="kept?"), mode=CreateMode.if_not_exists)
    assert reference.fetch().comment == "c"
    pools.create(pool("py_cp", comment="replaced"), mode=CreateMode.or_replace, initially_suspended=True)
    replaced = reference.fetch()
    assert (replaced.comment, replaced.state, replaced.active_nodes) == ("replaced", "SUSPENDED", 0)

    reference.drop()
    with pytest.raises(NotFoundError):
        reference.fetch()
    with pytest.raises(NotFoundError):
        reference.drop()
    reference.drop(if_exists=True)


def test_listing(root):
    pools = root.compute_pools
    for name in ("py_cp_alpha", "py_cp_alpine", "py_cp_beta"):
        pools.create(pool(name))
    assert [p.name for p in pools.iter(like="py_cp_al%")] == ["PY_CP_ALPHA", "PY_CP_ALPINE"]
    assert [p.name for p in pools.iter(starts_with="PY_CP_B")] == ["PY_CP_BETA"]
    assert [p.name for p in pools.iter(like="py_cp_%", limit=2)] == ["PY_CP_ALPHA", "PY_CP_ALPINE"]
    for name in ("py_cp_alpha", "py_cp_alpine", "py_cp_beta"):
        pools[name].delete()
    assert list(pools.iter(like="py_cp_%")) == []


def test_resume_suspend_and_stop_all_services(root):
    reference = root.compute_pools.create(pool("py_cp_state"), initially_suspended=True)
    assert reference.fetch().state == "SUSPENDED"
    reference.resume()
    assert reference.fetch().state == "IDLE"
    with pytest.raises(APIError) as again:
        reference.resume()
    assert again.value.status == 400
    reference.stop_all_services()
    reference.suspend()
    reference.suspend()
    assert reference.fetch().state == "SUSPENDED"
    root.compute_pools._api.stop_all_services_in_compute_pool_deprecated("py_cp_state")
    reference.drop()
    with pytest.raises(NotFoundError):
        reference.resume()
    with pytest.raises(NotFoundError):
        reference.stop_all_services()


def test_create_or_alter_and_validation(root):
    reference = root.compute_pools["py_cp_alter"]
    reference.create_or_alter(pool("py_cp_alter", comment="first", auto_suspend_secs=120))
    reference.create_or_alter(pool("py_cp_alter", min_nodes=3, max_nodes=5))
    altered = reference.fetch()
    assert (altered.state, altered.min_nodes, altered.max_nodes, altered.active_nodes) == ("IDLE", 3, 5, 3)
    assert (altered.comment, altered.auto_suspend_secs) == (None, 3600)
    with pytest.raises(ValueError):
        reference.create_or_alter(pool("another_name"))
    with pytest.raises(APIError) as family:
        reference.create_or_alter(pool("py_cp_alter", instance_family="GPU_NV_S"))
    assert family.value.status == 400
    for bad in (pool("py_cp_bad", min_nodes=0), pool("py_cp_bad", min_nodes=3, max_nodes=2), pool("py_cp_bad", instance_family="NOPE")):
        with pytest.raises(APIError) as refused:
            root.compute_pools.create(bad)
        assert refused.value.status == 400
    with pytest.raises(NotFoundError):
        root.compute_pools["py_cp_bad"].fetch()
    reference.drop()


def test_instance_families(root):
    # snowflake.core 1.14.0's list_instance_families() passes the pool's name to a generated
    # method that takes none, so pydantic refuses the call before anything is sent; the
    # generated API itself sends the request.
    with pytest.raises(ValueError, match="Unexpected positional argument"):
        list(root.compute_pools["any_pool"].list_instance_families())
    families = list(root.compute_pools._api.list_compute_pool_instance_families())
    names = [family.name for family in families]
    assert names[:4] == ["CPU_X64_XS", "CPU_X64_S", "CPU_X64_M", "CPU_X64_L"]
    assert {"HIGHMEM_X64_S", "HIGHMEM_X64_M", "HIGHMEM_X64_L", "GPU_NV_S", "GPU_NV_M", "GPU_NV_L"} <= set(names)
    small = next(family for family in families if family.name == "CPU_X64_S")
    assert (small.vcpu, small.memory_gib, small.gpu_count) == (3, 13, 0)
    gpu = next(family for family in families if family.name == "GPU_NV_S")
    assert (gpu.gpu, gpu.gpu_count, gpu.gpu_memory_gib) == ("NVIDIA A10G", 1, 24)

    root.compute_pools.create(pool("py_cp_usage", instance_family="HIGHMEM_X64_S", min_nodes=2))
    usage = {f.name: f.current_node_usage for f in root.compute_pools._api.list_compute_pool_instance_families()}
    assert usage["HIGHMEM_X64_S"] == 2
    root.compute_pools["py_cp_usage"].drop()


def test_async_twins(root):
    pools = root.compute_pools
    reference = pools.create_async(pool("py_cp_async"), initially_suspended=True).result()
    assert reference.fetch_async().result().state == "SUSPENDED"
    assert [p.name for p in pools.iter_async(like="py_cp_async").result()] == ["PY_CP_ASYNC"]
    reference.resume_async().result()
    reference.stop_all_services_async().result()
    reference.suspend_async().result()
    reference.create_or_alter_async(pool("py_cp_async", max_nodes=4)).result()
    assert reference.fetch().max_nodes == 4
    reference.drop_async().result()
    assert list(pools.iter(like="py_cp_async")) == []
