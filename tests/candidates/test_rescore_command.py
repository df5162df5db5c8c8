"""``manage.py rescore`` brings every stored score up to date at once."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from candidates.models import CandidateRoleScore


def test_rescore_fills_missing_and_stale_scores(opening):
    first, second = opening.candidates.order_by("pk")
    CandidateRoleScore.objects.filter(candidate=first).delete()
    CandidateRoleScore.objects.filter(candidate=second).update(input_version=4)
    out = StringIO()

    call_command("rescore", stdout=out)

    rows = CandidateRoleScore.objects.filter(role=opening.role)
    assert rows.count() == 2 and all(row.scored and not row.stale for row in rows)
    assert f"{opening.role.title}: 2 scores" in out.getvalue()


def test_rescore_names_an_unknown_role(db):
    with pytest.raises(CommandError, match="nope"):
        call_command("rescore", role="nope")
