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
def both_loaded_before_either_writes(monkeypatch: Any, parties: int = 2) -> Iterator[None]:
    """Make the interleaving that loses updates certain instead of likely: every API write
    has loaded its object before any of them goes on to save."""
    from careerpath.api.views import NamedNotFoundMixin

    barrier = threading.Barrier(parties, timeout=BARRIER_TIMEOUT)
    original = NamedNotFoundMixin.get_object

    def get_object(self: Any) -> Any:
        obj = original(self)
        barrier.wait()
        return obj

    monkeypatch.setattr(NamedNotFoundMixin, "get_object", get_object)
    yield
