"""Running two requests at the same moment, each in its own thread and database connection.

Only PostgreSQL gives the threads their own concurrent transactions (SQLite's in-memory test
database is one connection, and it serializes writers), so the threaded tests ask for it the
way every PostgreSQL-only test does: ``require_service`` skips locally and fails in CI.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, connections

from tests.conftest import require_service

BARRIER_TIMEOUT = 20  # seconds; only reached when a test is broken (a thread never arrives)


def require_postgresql() -> None:
    require_service(
        connection.vendor == "postgresql",
        "the race needs PostgreSQL (DATABASE_URL): each thread runs its own transaction",
    )


def run_together(*calls: Callable[[], Any]) -> list[Any]:
    """Run ``calls`` in threads started at the same moment; their results (or the exception
    each raised) in order. Each thread closes its own database connection."""
    barrier = threading.Barrier(len(calls), timeout=BARRIER_TIMEOUT)
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # reported to the test, which asserts on it
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=BARRIER_TIMEOUT * 3)
    assert not any(thread.is_alive() for thread in threads), "a racing request never finished"
    return results


@contextmanager
def all_arrive_after(monkeypatch: Any, owner: Any, name: str, parties: int = 2) -> Iterator[None]:
    """Make a race's losing interleaving certain instead of likely: every racing request runs
    ``owner.name`` (loading the object, validating it) before any of them goes on past it."""
    barrier = threading.Barrier(parties, timeout=BARRIER_TIMEOUT)
    original = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        barrier.wait()
        return result

    monkeypatch.setattr(owner, name, wrapper)
    yield


@contextmanager
def both_loaded_before_either_writes(monkeypatch: Any, parties: int = 2) -> Iterator[None]:
    """Every API write has loaded its object before any of them goes on to save."""
    from careerpath.api.views import NamedNotFoundMixin

    with all_arrive_after(monkeypatch, NamedNotFoundMixin, "get_object", parties):
        yield


@contextmanager
def assessment_commit_held(monkeypatch: Any) -> Iterator[Callable[[Callable[[], Any]], Any]]:
    """Hold a new assessment between its insert and its commit. Yields ``between(call)``: run
    it in the other racing thread; ``call`` runs once the insert is done, and the assessment's
    transaction commits once ``call`` has returned."""
    from candidates import services

    inserted, released = threading.Event(), threading.Event()

    def hold(**kwargs: Any) -> None:  # services call it right after the insert
        inserted.set()
        released.wait(timeout=BARRIER_TIMEOUT)

    monkeypatch.setattr(services, "scores_inputs_changed", hold)

    def between(call: Callable[[], Any]) -> Any:
        inserted.wait(timeout=BARRIER_TIMEOUT)
        try:
            return call()
        finally:
            released.set()

    yield between
