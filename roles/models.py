"""Roles on the ladder, what each requires, and the promotion paths between them.

``PromotionPath`` lives here rather than in the project package: it is a relation between two
roles, owned by the same HR users who maintain roles, and the career-route selector reads roles
and paths together.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from careerpath.model_fields import SlugAndNameChecks, constraint_error_on_field
from careerpath.text_checks import split_lines
from careerpath.versioning import VersionedModel
from skills.models import MAX_LEVEL, MIN_LEVEL, Competency


class Level(models.TextChoices):
    """The ladder; a level's position in this list is its rank (1 = entry, 5 = executive)."""

    STAFF = "staff", "Staff"
    HEAD_OF_DEPARTMENT = "head_of_department", "Head of department"
    MANAGER = "manager", "Manager"
    DIRECTOR = "director", "Director"
    CCO = "cco", "Chief Customer Officer"


LEVEL_RANKS: dict[str, int] = {level.value: index for index, level in enumerate(Level, start=1)}

MAX_YEARS_EXPERIENCE = 60

# Slugs that page addresses use: /roles/new/ and /roles/compare/.
RESERVED_ROLE_SLUGS = frozenset({"new", "compare"})


class Role(SlugAndNameChecks, VersionedModel):
    name_field = "title"
    reserved_slugs = RESERVED_ROLE_SLUGS

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=120, unique=True)
    level = models.CharField(max_length=32, choices=Level.choices)
    # Derived from ``level`` (see save()); stored so the database can sort and check it.
    rank = models.PositiveSmallIntegerField(editable=False)
    summary = models.TextField(blank=True)
    responsibilities = models.TextField(blank=True, help_text="One responsibility per line.")
    kpis = models.TextField("KPIs", blank=True, help_text="One KPI per line.")
    qualifications = models.TextField(blank=True, help_text="One qualification per line.")
    min_years_experience = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(MAX_YEARS_EXPERIENCE)]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["rank", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__in=list(LEVEL_RANKS)), name="role_level_valid"
            ),
            models.CheckConstraint(
                condition=Q(
                    *[Q(level=level, rank=rank) for level, rank in LEVEL_RANKS.items()],
                    _connector=Q.OR,
                ),
                name="role_rank_matches_level",
            ),
            models.CheckConstraint(
                condition=Q(min_years_experience__lte=MAX_YEARS_EXPERIENCE),
                name="role_min_years_at_most_60",
            ),
            models.UniqueConstraint(Lower("title"), name="role_title_unique_ci"),
            models.CheckConstraint(condition=Q(slug=Lower("slug")), name="role_slug_lower"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.rank = LEVEL_RANKS.get(self.level, 0)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "level" in update_fields:
            kwargs["update_fields"] = {*update_fields, "rank"}
        super().save(*args, **kwargs)

    @property
    def responsibility_list(self) -> list[str]:
        return split_lines(self.responsibilities)

    @property
    def kpi_list(self) -> list[str]:
        return split_lines(self.kpis)

    @property
    def qualification_list(self) -> list[str]:
        return split_lines(self.qualifications)


class RoleRequirement(models.Model):
    """A competency a role needs, at what level, how much it weighs, and whether it is a must."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="requirements")
    competency = models.ForeignKey(
        Competency,
        on_delete=models.PROTECT,  # deleting a competency must not silently change a role
        related_name="requirements",
    )
    required_level = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(MIN_LEVEL), MaxValueValidator(MAX_LEVEL)],
        help_text="1 Awareness, 2 Working, 3 Practitioner, 4 Advanced, 5 Expert.",
    )
    weight = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="How much this requirement counts in the fit score (1..100).",
    )
    essential = models.BooleanField(default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "-essential", "-required_level", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["role", "competency"], name="requirement_unique_per_role_competency"
            ),
            models.CheckConstraint(
                condition=Q(required_level__gte=MIN_LEVEL, required_level__lte=MAX_LEVEL),
                name="requirement_level_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=1, weight__lte=100), name="requirement_weight_1_to_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role} needs {self.competency} at {self.required_level}"


class PromotionPath(VersionedModel):
    from_role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="paths_out")
    to_role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="paths_in")
    typical_years = models.PositiveSmallIntegerField(
        default=2, validators=[MinValueValidator(1), MaxValueValidator(40)]
    )
    criteria = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["from_role__rank", "to_role__rank", "id"]
        constraints = [
            models.UniqueConstraint(fields=["from_role", "to_role"], name="path_unique_pair"),
            models.CheckConstraint(
                condition=~Q(from_role=F("to_role")),
                name="path_not_self_loop",
                violation_error_message="A promotion path cannot lead from a role to itself.",
            ),
            models.CheckConstraint(
                condition=Q(typical_years__gte=1, typical_years__lte=40),
                name="path_typical_years_1_to_40",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_role} → {self.to_role}"

    def validate_constraints(self, exclude: Any = None) -> None:
        """One path per pair of roles: the database's constraint, said beside the target in
        words (Django's own message names the object and both columns)."""
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            raise constraint_error_on_field(
                error,
                "to_role",
                lambda item: item.code == "unique_together",
                f"A path from {self.from_role.title} to {self.to_role.title} already exists.",
            ) from None

    def clean(self) -> None:
        if not (self.from_role_id and self.to_role_id):
            return
        if self.from_role_id == self.to_role_id:
            raise ValidationError(
                {"to_role": "A promotion path cannot lead from a role to itself."}
            )
        # A promotion leads up the ladder; a sideways or downward "path" would also send the
        # route finder over the top of the ladder and back down.
        if self.to_role.rank <= self.from_role.rank:
            raise ValidationError(
                {
                    "to_role": (
                        f"A promotion path leads up the ladder: “{self.to_role}” is level "
                        f"{self.to_role.rank}, not above “{self.from_role}” (level "
                        f"{self.from_role.rank})."
                    )
                }
            )
