"""Fixtures shared by the test modules: a real Redis server for the state-store tests, and a small
emulator served over HTTP for the admin API's tests (``server``; ``fresh`` is it just reset)."""

from __future__ import annotations

import pytest
from recording_support import recorded_target, recording  # noqa: F401 (shared by the recorder's and the kit's tests)
from redis_server import redis_server

import crocodial_mock


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


SMALL_WORLD = {"users": 30, "campaigns": 6, "calls_per_day": 300, "leads": 600}


@pytest.fixture(scope="module")
def server():
    with crocodial_mock.running(seed=7, now="2025-05-14T15:30:00", **SMALL_WORLD) as emulator:
        yield emulator


@pytest.fixture
def fresh(server):
    server.reset()
    return server
