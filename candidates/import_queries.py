"""The import's assessment insert as one set-based statement on PostgreSQL.

An import of 10,000 candidates × 30 competencies adds up to 300,000 assessments, each with its
history row. Through the ORM that is 600,000 model instances built, prepared and bound one
field at a time — minutes of Python. On PostgreSQL one statement per batch does both inserts:
the rows arrive as arrays (``unnest``), the assessments are inserted, and their history rows
(``+``, the importing user, the same moment) are inserted from what that insert returned — the
same values ``bulk_create_with_history`` would write. Other databases use the ORM helper.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.contrib.auth.models import User
from django.db import connection
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from candidates.models import Assessment

ASSESSMENT = Assessment._meta.db_table
HISTORY_MODEL = Assessment.history.model
HISTORY = HISTORY_MODEL._meta.db_table
# The columns the history copies from the assessment (its tracked fields).
TRACKED = [field.column for field in HISTORY_MODEL.tracked_fields]
SQL_BATCH = 50_000

NewAssessment = tuple[int, int, int, datetime.date]  # candidate, competency, level, date


def insert_assessments(rows: Sequence[NewAssessment], *, assessor: User | None) -> None:
    """Insert the assessments (no evidence; by ``assessor``, who is also the history's user)
    with their history rows."""
    if not rows:
        return
    assessor_id = assessor.pk if assessor is not None else None
    if connection.vendor != "postgresql":
        assessments = [
            Assessment(
                candidate_id=candidate_id,
                competency_id=competency_id,
                level=level,
                assessor_id=assessor_id,
                assessed_at=assessed_at,
            )
            for candidate_id, competency_id, level, assessed_at in rows
        ]
        bulk_create_with_history(assessments, Assessment, batch_size=1000, default_user=assessor)
        return
    tracked = ", ".join(TRACKED)
    statement = f"""
        WITH new AS (
            INSERT INTO {ASSESSMENT}
                (candidate_id, competency_id, level, assessed_at, evidence, assessor_id,
                 created_at)
            SELECT candidate_id, competency_id, level, assessed_at, '', %s, %s
            FROM unnest(%s::bigint[], %s::bigint[], %s::smallint[], %s::date[])
                AS given (candidate_id, competency_id, level, assessed_at)
            RETURNING {tracked}
        )
        INSERT INTO {HISTORY}
            ({tracked}, history_date, history_change_reason, history_type, history_user_id)
        SELECT {tracked}, %s, NULL, '+', %s FROM new
    """
    now = timezone.now()
    with connection.cursor() as cursor:
        for start in range(0, len(rows), SQL_BATCH):
            batch = rows[start : start + SQL_BATCH]
            cursor.execute(
                statement,
                [
                    assessor_id,
                    now,
                    *(_array_literal(row[column] for row in batch) for column in range(4)),
                    now,
                    assessor_id,
                ],
            )


def _array_literal(values: Iterable[int | datetime.date]) -> str:
    """``{1,2,3}`` — an array as one text parameter, cast in SQL. The driver would quote each
    of 300,000 elements separately; whole numbers and ISO dates need no quoting at all."""
    return "{" + ",".join(map(str, values)) + "}"
