"""Reads for data protection: everything CareerPath holds about one candidate (the export HR
hands over on a subject access request), and the candidates the retention rule would erase.

The writes that go with them (erasure, the retention purge) are in ``candidates.erasure``.
"""

from __future__ import annotations

import calendar
import datetime
from typing import Any

from django.apps import apps
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from candidates.models import (
    Assessment,
    Candidate,
    CandidateRoleScore,
    ErasureRecord,
    FitSnapshot,
    Opening,
)

PERSONAL_DATA_FORMAT = "careerpath.personal-data.v1"

CandidateHistory = Candidate.history.model
AssessmentHistory = Assessment.history.model
# simple-history's snapshot of an opening's ``candidates`` at each change of the opening.
OpeningMembershipHistory = apps.get_model("candidates", "HistoricalOpening_candidates")


def _when(value: datetime.date | datetime.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _username(user: Any) -> str | None:
    return user.get_username() if user is not None else None


def candidate_personal_data(candidate: Candidate) -> dict[str, Any]:
    """Everything stored about ``candidate``, as JSON-ready data (dates as ISO 8601 text).

    Profile, assessments with their evidence, openings, stored scores, fit snapshots, and the
    history rows that name them (their own edits, their assessments', and every change of an
    opening's members that listed them). The caller has checked that the user may export it
    (HR, see ``candidates.views.CandidatePersonalDataView``). A constant number of queries.
    """
    history = (
        CandidateHistory.objects.filter(id=candidate.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    assessments = (
        Assessment.objects.filter(candidate=candidate)
        .select_related("competency", "assessor")
        .order_by("assessed_at", "id")
    )
    assessment_history = (
        AssessmentHistory.objects.filter(candidate_id=candidate.pk)
        .select_related("history_user", "competency")
        .order_by("history_date", "history_id")
    )
    memberships = (
        OpeningMembershipHistory.objects.filter(candidate_id=candidate.pk)
        .select_related("history", "history__history_user")
        .order_by("history__history_date", "history__history_id")
    )
    return {
        "format": PERSONAL_DATA_FORMAT,
        "exported_at": _when(timezone.now()),
        "candidate": {
            "id": candidate.pk,
            "name": candidate.name,
            "email": candidate.email,
            "source": candidate.source,
            "current_role": candidate.current_role.slug if candidate.current_role else None,
            "years_experience": candidate.years_experience,
            "notes": candidate.notes,
            "created_by": _username(candidate.created_by),
            "created_at": _when(candidate.created_at),
            "updated_at": _when(candidate.updated_at),
        },
        "assessments": [
            {
                "id": item.pk,
                "competency": item.competency.slug,
                "level": item.level,
                "evidence": item.evidence,
                "assessed_at": _when(item.assessed_at),
                "assessor": _username(item.assessor),
                "created_at": _when(item.created_at),
            }
            for item in assessments
        ],
        "openings": [
            {"id": item.pk, "title": item.title, "role": item.role.slug, "status": item.status}
            for item in candidate.openings.select_related("role").order_by("id")
        ],
        "scores": [
            {
                "role": item.role.slug,
                "fit": str(item.fit),
                "eligible": item.eligible,
                "shortfall": item.shortfall,
                "assessed_count": item.assessed_count,
                "requirement_count": item.requirement_count,
                "stale": item.stale,
                "computed_at": _when(item.computed_at),
            }
            for item in CandidateRoleScore.objects.filter(candidate=candidate)
            .select_related("role")
            .order_by("role__slug")
        ],
        "fit_snapshots": [
            {
                "role": item.role.slug,
                "fit": str(item.fit),
                "eligible": item.eligible,
                "shortfall": item.shortfall,
                "recorded_at": _when(item.recorded_at),
            }
            for item in FitSnapshot.objects.filter(candidate=candidate)
            .select_related("role")
            .order_by("recorded_at", "id")
        ],
        "history": {
            "candidate": [
                {
                    "history_date": _when(row.history_date),
                    "history_type": row.history_type,
                    "history_user": _username(row.history_user),
                    "name": row.name,
                    "email": row.email,
                    "source": row.source,
                    "current_role_id": row.current_role_id,
                    "years_experience": row.years_experience,
                    "notes": row.notes,
                }
                for row in history
            ],
            "assessments": [
                {
                    "history_date": _when(row.history_date),
                    "history_type": row.history_type,
                    "history_user": _username(row.history_user),
                    "assessment_id": row.id,
                    "competency": row.competency.slug if row.competency else None,
                    "level": row.level,
                    "evidence": row.evidence,
                    "assessed_at": _when(row.assessed_at),
                }
                for row in assessment_history
            ],
            "opening_memberships": [
                {
                    "history_date": _when(row.history.history_date),
                    "history_user": _username(row.history.history_user),
                    "opening_id": row.opening_id,
                }
                for row in memberships
            ],
        },
    }


# --- Retention ------------------------------------------------------------------------------


def retention_cutoff(months: int, *, now: datetime.datetime | None = None) -> datetime.datetime:
    """The moment ``months`` calendar months before ``now`` (the same day of the month, or that
    month's last day when it is shorter): activity strictly before it is too old."""
    now = now or timezone.now()
    month_index = now.year * 12 + (now.month - 1) - months
    year, month = divmod(month_index, 12)
    day = min(now.day, calendar.monthrange(year, month + 1)[1])
    return now.replace(year=year, month=month + 1, day=day)


def inactive_candidates(
    months: int, *, now: datetime.datetime | None = None
) -> QuerySet[Candidate]:
    """The candidates the retention rule erases: nothing happened to them for ``months``.

    *Inactive* means all of these are older than the cut-off (``retention_cutoff``):

    * the candidate was created and last edited (``updated_at``; also moved by imports);
    * every assessment of theirs was recorded (``created_at``, not the date it is about: an
      assessment entered today about last year is activity today);
    * every change of an opening they are or ever were on (simple-history snapshots the
      opening's members at each of its changes: joining is a change that lists them, and
      leaving is a change of an opening an earlier snapshot listed them on). This errs on the
      side of keeping: an old opening they left, edited recently, keeps them for another term.

    Exempt: internal candidates (employees) who hold a current role. Their record describes an
    employee in post, and their stored scores feed the role's pool; they leave by HR's decision
    (an erasure on request), not by a clock. A moment exactly at the cut-off still counts as
    activity (strictly older is inactive).
    """
    cutoff = retention_cutoff(months, now=now)
    recent_assessment = Assessment.objects.filter(candidate=OuterRef("pk"), created_at__gte=cutoff)
    recently_changed_openings = Opening.history.filter(history_date__gte=cutoff).values("id")
    recent_membership = OpeningMembershipHistory.objects.filter(
        candidate_id=OuterRef("pk"), opening_id__in=recently_changed_openings
    )
    return (
        Candidate.objects.filter(created_at__lt=cutoff, updated_at__lt=cutoff)
        .exclude(Q(source=Candidate.Source.INTERNAL) & Q(current_role__isnull=False))
        .exclude(Exists(recent_assessment))
        .exclude(Exists(recent_membership))
        .order_by("id")
    )


# --- Erasure records ------------------------------------------------------------------------


def erasure_records() -> QuerySet[ErasureRecord]:
    """Every erasure, newest first, with who erased (for HR's list)."""
    return ErasureRecord.objects.select_related("erased_by").order_by("-erased_at", "-id")
