"""factory_boy factories for every model; tests build their data from these."""

from __future__ import annotations

import factory
from django.contrib.auth.models import Group, User

from candidates.groups import ensure_access_groups
from candidates.models import Assessment, Candidate, Opening
from roles.models import Level, PromotionPath, Role, RoleRequirement
from skills.models import Competency, CompetencyCategory, LearningResource


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
        if create and extracted:
            self.competencies.set(extracted)


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


class RequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleRequirement

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


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate

    name = factory.Sequence(lambda n: f"Candidate {n}")
    email = factory.Sequence(lambda n: f"candidate{n}@example.com")
    source = Candidate.Source.EXTERNAL
    years_experience = 5


class OpeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opening
        skip_postgeneration_save = True

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


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    candidate = factory.SubFactory(CandidateFactory)
    competency = factory.SubFactory(CompetencyFactory)
    level = 3
