"""Fixtures shared by the test modules: a real Redis server for the state-store tests."""

from __future__ import annotations

import pytest
from redis_server import redis_server


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """One redis-server for the session; each test that uses it starts from an empty database."""
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture
def redis_db(redis_url):
    import redis

    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    client.close()
    return redis_url
