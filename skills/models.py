"""Competencies, the proficiency scale, and the learning resources that develop them."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from careerpath.model_fields import SlugAndNameChecks
from careerpath.versioning import VersionedModel


class ProficiencyLevel(models.IntegerChoices):
    """The five-step scale of requirements and indicators (assessments add 0 = no evidence)."""

    AWARENESS = 1, "Awareness"
    WORKING = 2, "Working"
    PRACTITIONER = 3, "Practitioner"
    ADVANCED = 4, "Advanced"
    EXPERT = 5, "Expert"


MIN_LEVEL = ProficiencyLevel.AWARENESS.value
MAX_LEVEL = ProficiencyLevel.EXPERT.value

# Slugs that page addresses use (/skills/new/, /learning/new/, /skills/categories/new/).
RESERVED_SLUGS = frozenset({"new"})


class CompetencyCategory(SlugAndNameChecks, models.Model):
    reserved_slugs = RESERVED_SLUGS

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Display order.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "competency categories"
        constraints = [
            models.UniqueConstraint(Lower("name"), name="category_name_unique_ci"),
            models.CheckConstraint(condition=Q(slug=Lower("slug")), name="category_slug_lower"),
        ]

    def __str__(self) -> str:
        return self.name


class Competency(SlugAndNameChecks, VersionedModel):
    reserved_slugs = RESERVED_SLUGS

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    category = models.ForeignKey(
        CompetencyCategory,
        on_delete=models.PROTECT,  # a category with competencies must be emptied first
        related_name="competencies",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "competencies"
        constraints = [
            models.UniqueConstraint(Lower("name"), name="competency_name_unique_ci"),
            models.CheckConstraint(condition=Q(slug=Lower("slug")), name="competency_slug_lower"),
        ]

    def __str__(self) -> str:
        return self.name


class CompetencyLevelIndicator(models.Model):
    """What a person at one proficiency level of a competency is seen to do."""

    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="indicators")
    level = models.PositiveSmallIntegerField(choices=ProficiencyLevel.choices)
    description = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["competency", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["competency", "level"], name="indicator_unique_per_competency_level"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=MIN_LEVEL, level__lte=MAX_LEVEL),
                name="indicator_level_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency} · {self.get_level_display()}"


class ResourceCompetency(models.Model):
    """One competency a learning resource develops, and the level it takes a learner up to
    (``raises_to``): a course may take a competency to 3, an executive programme to 5. A
    development plan counts a resource toward a gap only as far as this level reaches."""

    resource = models.ForeignKey(
        "LearningResource", on_delete=models.CASCADE, related_name="competency_levels"
    )
    competency = models.ForeignKey(
        Competency, on_delete=models.CASCADE, related_name="resource_levels"
    )
    raises_to = models.PositiveSmallIntegerField(
        choices=ProficiencyLevel.choices,
        default=ProficiencyLevel.PRACTITIONER,
        validators=[MinValueValidator(MIN_LEVEL), MaxValueValidator(MAX_LEVEL)],
        help_text="The level this resource takes the competency up to.",
    )

    class Meta:
        ordering = ["resource", "competency"]
        verbose_name = "competency a resource develops"
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "competency"], name="resource_competency_unique"
            ),
            models.CheckConstraint(
                condition=Q(raises_to__gte=MIN_LEVEL, raises_to__lte=MAX_LEVEL),
                name="resource_raises_to_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource} → {self.competency} to {self.get_raises_to_display()}"


class LearningResource(SlugAndNameChecks, VersionedModel):
    name_field = "title"
    reserved_slugs = RESERVED_SLUGS

    class Kind(models.TextChoices):
        DEGREE = "degree", "Degree"
        DIPLOMA = "diploma", "Diploma"
        COURSE = "course", "Course"
        CERTIFICATE = "certificate", "Certificate"

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    provider = models.CharField(max_length=200, blank=True)
    duration_weeks = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(520)]
    )
    description = models.TextField(blank=True)
    competencies = models.ManyToManyField(
        Competency,
        through=ResourceCompetency,
        related_name="learning_resources",
        blank=True,
    )

    history = HistoricalRecords(m2m_fields=[competencies])

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_weeks__gte=1, duration_weeks__lte=520),
                name="resource_duration_1_to_520_weeks",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["degree", "diploma", "course", "certificate"]),
                name="resource_kind_valid",
            ),
            models.UniqueConstraint(Lower("title"), name="resource_title_unique_ci"),
            models.CheckConstraint(condition=Q(slug=Lower("slug")), name="resource_slug_lower"),
        ]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def default_raises_to(cls, kind: str) -> int:
        """The level a resource of this kind takes a competency to when nobody said otherwise:
        a course or certificate to Practitioner, a diploma or degree to Advanced."""
        return KIND_DEFAULT_LEVEL.get(kind, ProficiencyLevel.PRACTITIONER.value)


KIND_DEFAULT_LEVEL: dict[str, int] = {
    LearningResource.Kind.COURSE: ProficiencyLevel.PRACTITIONER.value,
    LearningResource.Kind.CERTIFICATE: ProficiencyLevel.PRACTITIONER.value,
    LearningResource.Kind.DIPLOMA: ProficiencyLevel.ADVANCED.value,
    LearningResource.Kind.DEGREE: ProficiencyLevel.ADVANCED.value,
}
