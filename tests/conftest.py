"""Shared fixtures: a fresh store folder per test and the samples built once per session.

Every store server a test starts is stopped at the end (`stop_server`), whatever its leases say.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from policykg.graph.build import build
from policykg.graph.embedded import stop_server
from policykg.graph.store import open_store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture
def store_dir(tmp_path):
    """A fresh, empty store folder; its server is stopped after the test."""
    path = tmp_path / "store"
    yield path
    if path.exists():
        stop_server(path)


@pytest.fixture(scope="session")
def sample_store_dir(tmp_path_factory):
    """samples/*.txt built once into a store folder (server stopped between uses)."""
    path = tmp_path_factory.mktemp("samples") / "store"
    with open_store(path) as store:
        build(store, [SAMPLES], progress=False)
    yield path
    stop_server(path)


@pytest.fixture(scope="session")
def sample_store(sample_store_dir):
    """An open store holding the samples, shared by the session's read-only tests."""
    with open_store(sample_store_dir) as store:
        yield store
