"""factory_boy factories for every model; tests build their data from these."""

from __future__ import annotations

import factory
from django.contrib.auth.models import Group, User

from candidates import services
from candidates.groups import ensure_access_groups
from candidates.models import Assessment, Candidate, Opening
from roles.models import Level, PromotionPath, Role, RoleRequirement
from skills.models import Competency, CompetencyCategory, LearningResource, ResourceCompetency


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("pass-for-tests-123")

    @factory.post_generation
    def group(self, create: bool, extracted: str | None, **kwargs) -> None:
        if create and extracted:
            ensure_access_groups()  # a transactional test may have flushed them
            self.groups.add(Group.objects.get(name=extracted))


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompetencyCategory

    slug = factory.Sequence(lambda n: f"category-{n}")
    name = factory.Sequence(lambda n: f"Category {n}")
    position = factory.Sequence(lambda n: n)


class CompetencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competency

    slug = factory.Sequence(lambda n: f"competency-{n}")
    name = factory.Sequence(lambda n: f"Competency {n}")
    description = "A competency used in tests."
    category = factory.SubFactory(CategoryFactory)


class LearningResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningResource
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"resource-{n}")
    title = factory.Sequence(lambda n: f"Resource {n}")
    kind = LearningResource.Kind.COURSE
    provider = "Test provider"
    duration_weeks = 4

    @factory.post_generation
    def competencies(self, create: bool, extracted, **kwargs) -> None:
        """A list of competencies (each raised to Expert, so a test's gaps close unless it
        says otherwise) or a dict competency → the level the resource raises it to."""
        if not (create and extracted):
            return
        levels = extracted if isinstance(extracted, dict) else dict.fromkeys(extracted, 5)
        for competency, raises_to in levels.items():
            ResourceCompetency.objects.create(
                resource=self, competency=competency, raises_to=raises_to
            )


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    slug = factory.Sequence(lambda n: f"role-{n}")
    title = factory.Sequence(lambda n: f"Role {n}")
    level = Level.MANAGER
    summary = "A role used in tests."
    responsibilities = "Run the shop\nReport weekly"
    kpis = "Conversion rate\nAOV"
    qualifications = "A degree"
    min_years_experience = 0


class ScoredFactoryMixin:
    """Data made by a factory feeds stored scores the way the services' writes do: the
    scores it touches are marked stale and rescored (in-process, as tasks run eagerly)."""

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        if create:
            cls.scores_touched(instance)

    @classmethod
    def scores_touched(cls, instance) -> None:
        raise NotImplementedError


class RequirementFactory(ScoredFactoryMixin, factory.django.DjangoModelFactory):
    class Meta:
        model = RoleRequirement

    @classmethod
    def scores_touched(cls, instance) -> None:
        services.scores_inputs_changed(role_ids=[instance.role_id])

    role = factory.SubFactory(RoleFactory)
    competency = factory.SubFactory(CompetencyFactory)
    required_level = 3
    weight = 1
    essential = False


class PromotionPathFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PromotionPath

    from_role = factory.SubFactory(RoleFactory)
    to_role = factory.SubFactory(RoleFactory)
    typical_years = 2
    criteria = "Delivers consistently."


class CandidateFactory(ScoredFactoryMixin, factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate

    @classmethod
    def scores_touched(cls, instance) -> None:
        if instance.current_role_id:
            services.scores_inputs_changed(candidate_ids=[instance.pk])

    name = factory.Sequence(lambda n: f"Candidate {n}")
    email = factory.Sequence(lambda n: f"candidate{n}@example.com")
    source = Candidate.Source.EXTERNAL
    years_experience = 5


class OpeningFactory(ScoredFactoryMixin, factory.django.DjangoModelFactory):
    class Meta:
        model = Opening
        skip_postgeneration_save = True

    @classmethod
    def scores_touched(cls, instance) -> None:
        services.scores_inputs_changed(
            candidate_ids=instance.candidates.values_list("pk", flat=True)
        )

    title = factory.Sequence(lambda n: f"Opening {n}")
    role = factory.SubFactory(RoleFactory)

    @factory.post_generation
    def hiring_team(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.hiring_team.set(extracted)

    @factory.post_generation
    def candidates(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.candidates.set(extracted)


class AssessmentFactory(ScoredFactoryMixin, factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    @classmethod
    def scores_touched(cls, instance) -> None:
        services.scores_inputs_changed(candidate_ids=[instance.candidate_id])

    candidate = factory.SubFactory(CandidateFactory)
    competency = factory.SubFactory(CompetencyFactory)
    level = 3
