"""Candidates, the openings they are considered for, and their competency assessments."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from simple_history.models import HistoricalRecords

from careerpath.model_fields import constraint_error_on_field
from careerpath.versioning import VersionedModel
from roles.models import MAX_YEARS_EXPERIENCE, Role
from skills.models import MAX_LEVEL, Competency

NO_EVIDENCE = 0
# Since the latest assessment counts, a future date would silently override every real one
# until that day: assessments are dated today or earlier (and not before a sane lower bound).
ASSESSMENT_FUTURE_SLACK = datetime.timedelta(days=0)
EARLIEST_ASSESSMENT_DATE = datetime.date(1970, 1, 1)


EMAIL_TAKEN = "A candidate with this email already exists."


class Candidate(VersionedModel):
    class Source(models.TextChoices):
        INTERNAL = "internal", "Internal (employee)"
        EXTERNAL = "external", "External"

    name = models.CharField(max_length=200)
    email = models.EmailField(max_length=254)
    source = models.CharField(max_length=16, choices=Source.choices)
    current_role = models.ForeignKey(
        Role,
        on_delete=models.SET_NULL,  # losing a role must not delete people
        null=True,
        blank=True,
        related_name="current_holders",
    )
    years_experience = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(MAX_YEARS_EXPERIENCE)]
    )
    notes = models.TextField(blank=True, validators=[MaxLengthValidator(10_000)])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="candidates_created",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            # The candidate list pages in this order: a page is an index range, not a sort of
            # every candidate.
            models.Index(fields=["name", "id"], name="candidate_name_order"),
        ]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="candidate_email_unique_ci",
                violation_error_message=EMAIL_TAKEN,
            ),
            models.CheckConstraint(
                condition=Q(source__in=["internal", "external"]), name="candidate_source_valid"
            ),
            models.CheckConstraint(
                condition=Q(years_experience__lte=MAX_YEARS_EXPERIENCE),
                name="candidate_years_at_most_60",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def validate_constraints(self, exclude: Any = None) -> None:
        """The one statement of "one candidate per email, in any letter case": the database
        constraint (on the lowercased email, so it names no field) checked here, its message
        beside ``email`` for pages and API alike."""
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            raise constraint_error_on_field(
                error, "email", lambda item: item.message == EMAIL_TAKEN
            ) from None

    @property
    def is_internal(self) -> bool:
        return self.source == self.Source.INTERNAL


class Opening(VersionedModel):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    title = models.CharField(max_length=200)
    role = models.ForeignKey(
        Role,
        on_delete=models.PROTECT,  # an opening's history needs its role
        related_name="openings",
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    hiring_team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="openings", blank=True
    )
    candidates = models.ManyToManyField(Candidate, related_name="openings", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="openings_created",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[hiring_team, candidates])

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["open", "closed"]), name="opening_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Assessment(models.Model):
    """One observation of a candidate's level in a competency.

    Assessments are history: a new one is added, none is overwritten. The latest (by
    ``assessed_at``, then by id) is the one that counts.
    """

    # No index of its own: ``assessment_latest_lookup`` leads with the candidate.
    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="assessments", db_index=False
    )
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="assessments")
    level = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(NO_EVIDENCE), MaxValueValidator(MAX_LEVEL)],
        help_text="0 = no evidence, 1 Awareness … 5 Expert.",
    )
    evidence = models.TextField(blank=True, validators=[MaxLengthValidator(5_000)])
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments_made",
    )
    assessed_at = models.DateField(default=timezone.localdate)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-assessed_at", "-id"]
        indexes = [
            # "The latest assessment counts": per candidate and competency, newest first. On
            # PostgreSQL the level rides along in the index, so the whole-pool rescoring reads
            # 3 million levels from the index alone instead of visiting every row.
            models.Index(
                fields=["candidate", "competency", "-assessed_at", "-id"],
                include=["level"],
                name="assessment_latest_lookup",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=NO_EVIDENCE, level__lte=MAX_LEVEL),
                name="assessment_level_0_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} · {self.competency}: {self.level}"

    def clean(self) -> None:
        if self.assessed_at and self.assessed_at < EARLIEST_ASSESSMENT_DATE:
            raise ValidationError(
                {"assessed_at": "An assessment date before 1970 is surely a typing mistake."}
            )
        if self.assessed_at and self.assessed_at > timezone.localdate() + ASSESSMENT_FUTURE_SLACK:
            raise ValidationError(
                {
                    "assessed_at": (
                        "An assessment cannot be dated in the future (the latest one counts)."
                    )
                }
            )


class FitSnapshot(models.Model):
    """A candidate's fit for a role at one moment, recorded after their assessments change.

    Written by the ``record_fit_snapshots`` task so a candidate's progress can be followed over
    time; a snapshot is only added when fit or eligibility differs from the previous one.
    """

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="fit_snapshots")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="fit_snapshots")
    fit = models.DecimalField(max_digits=4, decimal_places=1)
    eligible = models.BooleanField()
    shortfall = models.PositiveSmallIntegerField()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fit__gte=0, fit__lte=100), name="snapshot_fit_0_to_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} · {self.role}: {self.fit}"


# A never-computed score sorts after every computed one: fit 0, not eligible, and the largest
# shortfall the column holds (the ranking is eligible ↓, fit ↓, shortfall ↑, candidate ↑).
UNSCORED_SHORTFALL = 32_767


class CandidateRoleScore(models.Model):
    """The current fit of one candidate for one role, stored so that a ranking is an indexed
    read instead of scoring the whole pool on every request.

    A role's *pool* is the candidates on any of its openings plus those who hold it now. Rows
    are written only by the rescoring statements in ``candidates.score_queries`` (through
    ``services.scores_rescore_*``), which apply exactly the rules of ``candidates.scoring``.

    Staleness without trusting clocks: whatever changes an input (an assessment, a candidate's
    years, a role's requirements or minimum years, joining an opening) bumps ``input_version``
    in its own transaction; a rescoring copies the ``input_version`` it read into
    ``computed_version`` in the same statement that reads the inputs. So the row is current
    exactly when the two are equal, whatever order concurrent writers and workers commit in.
    """

    # No single-column indexes: every index is rewritten by each rescoring of a whole pool, and
    # ``score_one_per_pair`` (candidate first) and ``score_ranking`` (role first) serve both.
    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="scores", db_index=False
    )
    role = models.ForeignKey(
        Role, on_delete=models.CASCADE, related_name="candidate_scores", db_index=False
    )
    fit_tenths = models.PositiveSmallIntegerField(default=0, help_text="Fit × 10: 0..1000.")
    eligible = models.BooleanField(default=False)
    shortfall = models.PositiveSmallIntegerField(default=UNSCORED_SHORTFALL)
    assessed_count = models.PositiveSmallIntegerField(
        default=0, help_text="How many of the role's requirements have an assessment."
    )
    requirement_count = models.PositiveSmallIntegerField(default=0)
    input_version = models.PositiveIntegerField(default=1)
    computed_version = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["role", "-eligible", "-fit_tenths", "shortfall", "candidate"]
        indexes = [
            # The ranking of a role's pool: ORDER BY … LIMIT reads this index in order.
            models.Index(
                fields=["role", "-eligible", "-fit_tenths", "shortfall", "candidate"],
                name="score_ranking",
            ),
            # The reconciler's "what is stale" scan stays cheap as the table grows.
            models.Index(
                fields=["role"],
                condition=Q(computed_version__lt=models.F("input_version")),
                name="score_stale",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["candidate", "role"], name="score_one_per_pair"),
            models.CheckConstraint(
                condition=Q(fit_tenths__gte=0, fit_tenths__lte=1000), name="score_fit_0_to_1000"
            ),
            models.CheckConstraint(
                condition=Q(computed_version__lte=models.F("input_version")),
                name="score_computed_not_ahead",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id} · {self.role_id}: {self.fit}"

    @property
    def fit(self) -> Decimal:
        return (Decimal(self.fit_tenths) / 10).quantize(Decimal("0.1"))

    @property
    def scored(self) -> bool:
        """False until the first rescoring of this pair has run."""
        return self.computed_at is not None

    @property
    def stale(self) -> bool:
        """An input changed after this score was computed: a rescoring is queued."""
        return self.computed_version < self.input_version


class RoleScoreState(models.Model):
    """Whether a role's whole pool is current after a change to the role itself.

    A change to a role's requirements or minimum years makes every score of its pool stale.
    Bumping ``input_version`` on each of 100,000 score rows cost seconds inside HR's save (and
    rewrote every index of the score table); bumping one row here costs nothing. Only a
    whole-pool rescoring copies the ``input_version`` it read into ``computed_version``, so a
    role's scores are current exactly when the two are equal here *and* on the score row.
    """

    role = models.OneToOneField(
        Role, on_delete=models.CASCADE, primary_key=True, related_name="score_state"
    )
    input_version = models.PositiveIntegerField(default=1)
    computed_version = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["role"]
        constraints = [
            models.CheckConstraint(
                condition=Q(computed_version__lte=models.F("input_version")),
                name="role_score_computed_not_ahead",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role_id}: {self.computed_version}/{self.input_version}"

    @property
    def stale(self) -> bool:
        return self.computed_version < self.input_version


class OpeningScoreSummary(models.Model):
    """An opening's ranking figures (members, eligible, best fit), written by the rescoring
    statements in the same transaction as the scores they count.

    Counting the eligible members of a 100,000-candidate opening joins two 100,000-row sets on
    every page view (70–200 ms); the rescoring already holds the pool, so it counts once. A
    change that moves the figures (an assessment, joining or leaving an opening, a role change)
    bumps ``input_version`` with the scores; until the rescoring catches up the pages count
    live, so a figure shown from here is never older than the scores beside it.
    """

    opening = models.OneToOneField(
        Opening, on_delete=models.CASCADE, primary_key=True, related_name="score_summary"
    )
    members = models.PositiveIntegerField(default=0)
    eligible = models.PositiveIntegerField(default=0)
    best_fit_tenths = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The best computed fit × 10; empty when none is computed."
    )
    input_version = models.PositiveIntegerField(default=1)
    computed_version = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["opening"]
        constraints = [
            models.CheckConstraint(
                condition=Q(computed_version__lte=models.F("input_version")),
                name="opening_summary_computed_not_ahead",
            ),
            models.CheckConstraint(
                condition=Q(eligible__lte=models.F("members")),
                name="opening_summary_eligible_within_members",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.opening_id}: {self.eligible}/{self.members}"

    @property
    def current(self) -> bool:
        return self.computed_version == self.input_version


class ErasureRecord(models.Model):
    """What remains after a candidate is erased (``candidates.erasure.candidate_erase``): who
    erased whom (by id only), when, why, and how many rows of each kind were removed.

    It holds no personal data: not the name, the email or anything from the rows removed; the
    reason is checked not to repeat the name or email. Written only by the erasure service;
    HR reads it (the admin is read-only, and the erasures page lists it).
    """

    candidate_id = models.PositiveBigIntegerField(
        unique=True, help_text="The id the erased candidate had (it is never reused)."
    )
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,  # the record outlives the account that erased
        null=True,
        blank=True,
        related_name="erasures",
        help_text="Empty when the retention job erased the candidate.",
    )
    erased_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(max_length=500)
    removed = models.JSONField(default=dict, help_text="Rows removed, by kind: {kind: count}.")

    class Meta:
        ordering = ["-erased_at", "-id"]

    def __str__(self) -> str:
        return f"Candidate #{self.candidate_id} erased {self.erased_at:%Y-%m-%d}"

    @property
    def removed_total(self) -> int:
        return sum(value for value in self.removed.values() if isinstance(value, int))
