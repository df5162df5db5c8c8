"""The suite runs on PostgreSQL when DATABASE_URL says so — and in CI it must."""

import pytest
from django.db import connection

from tests.conftest import require_service


@pytest.mark.django_db
def test_ci_runs_on_postgresql():
    require_service(
        connection.vendor == "postgresql",
        f"the test database is {connection.vendor}, not PostgreSQL (set DATABASE_URL)",
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        assert "PostgreSQL" in cursor.fetchone()[0]
