"""The default e-commerce framework: its shape, and a loader that is safe to run again."""

import pytest
from django.core.management import CommandError, call_command

from candidates.models import Assessment, Candidate, Opening
from candidates.selectors import opening_scores, ranking_entries
from roles import framework_data
from roles.framework import load_default_framework, resource_levels
from roles.models import PromotionPath, Role, RoleRequirement
from roles.selectors import career_route, compare_roles, roles_with_requirements
from skills.models import Competency, CompetencyCategory, CompetencyLevelIndicator, LearningResource

pytestmark = pytest.mark.django_db

LADDER = [
    ("ecommerce-staff", "staff"),
    ("head-of-ecommerce", "head_of_department"),
    ("ecommerce-manager", "manager"),
    ("ecommerce-director", "director"),
    ("chief-customer-officer", "cco"),
]


@pytest.fixture
def framework():
    load_default_framework()


def _counts() -> dict[str, int]:
    models = [
        CompetencyCategory,
        Competency,
        CompetencyLevelIndicator,
        LearningResource,
        Role,
        RoleRequirement,
        PromotionPath,
        Role.history.model,
        RoleRequirement.history.model,
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_loading_twice_changes_nothing(framework):
    before = _counts()
    report = load_default_framework()
    assert not report.changed_anything
    assert _counts() == before


def test_loader_leaves_hr_edits_alone_unless_reset(framework):
    requirement = RoleRequirement.objects.filter(role__slug="ecommerce-director").first()
    original = requirement.required_level
    requirement.required_level = 1 if original != 1 else 2
    requirement.save()
    load_default_framework()
    requirement.refresh_from_db()
    assert requirement.required_level != original
    version = Role.objects.get(slug="ecommerce-director").version
    load_default_framework(reset=True)
    requirement.refresh_from_db()
    assert requirement.required_level == original
    # The requirement set is part of the role's version: an ETag read before does not match.
    assert Role.objects.get(slug="ecommerce-director").version == version + 1


def test_management_command_reports_what_it_did(capsys):
    call_command("load_framework")
    assert "5 roles created" in capsys.readouterr().out
    call_command("load_framework")
    assert "nothing changed" in capsys.readouterr().out


def test_five_ladder_roles_in_rank_order(framework):
    roles = list(Role.objects.order_by("rank"))
    assert [(r.slug, r.level) for r in roles] == LADDER
    assert [r.rank for r in roles] == [1, 2, 3, 4, 5]
    years = [r.min_years_experience for r in roles]
    assert years == sorted(years)
    for role in roles:
        assert role.summary and role.responsibility_list and role.kpi_list
        assert role.qualification_list


def test_every_role_has_requirements_and_levels_rise_up_the_ladder(framework):
    averages = []
    for role in Role.objects.order_by("rank"):
        levels = list(role.requirements.values_list("required_level", flat=True))
        assert levels, f"{role} has no requirements"
        assert role.requirements.filter(essential=True).exists()
        averages.append(sum(levels) / len(levels))
    assert averages == sorted(averages) and len(set(averages)) == len(averages)


def test_at_least_30_competencies_in_6_categories_with_indicators(framework):
    assert Competency.objects.count() >= 30
    assert CompetencyCategory.objects.filter(competencies__isnull=False).distinct().count() >= 6
    for competency in Competency.objects.all():
        assert competency.indicators.count() == 5


def test_director_outranks_manager_on_strategy_and_leadership(framework):
    def level(role_slug, competency_slug):
        req = RoleRequirement.objects.filter(
            role__slug=role_slug, competency__slug=competency_slug
        ).first()
        return req.required_level if req else 0

    for slug in ("ecommerce-strategy", "risk-management"):
        assert level("ecommerce-director", slug) > level("ecommerce-manager", slug), slug


def test_kpis_named_by_the_framework_are_owned(framework):
    director_kpis = Role.objects.get(slug="ecommerce-director").kpis.lower()
    for kpi in ("conversion", "cac", "aov", "cltv", "roi"):
        assert kpi in director_kpis


def test_paths_connect_staff_to_cco(framework):
    assert PromotionPath.objects.count() == 4
    route = career_route(
        Role.objects.get(slug="ecommerce-staff"), Role.objects.get(slug="chief-customer-officer")
    )
    assert route.found
    assert [r.slug for r in route.roles] == [slug for slug, _ in LADDER]


def test_learning_resources_include_the_named_degrees_and_diplomas(framework):
    titles = " ".join(LearningResource.objects.values_list("title", flat=True)).lower()
    for needle in ("foreign trade", "economics", "business administration", "e-business"):
        assert needle in titles
    assert LearningResource.objects.filter(kind="degree").count() >= 3


def test_demo_refuses_to_run_with_debug_off_unless_forced(framework, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo")
    assert not Candidate.objects.exists()


def test_demo_data_loads_after_the_framework_and_again(framework, settings):
    settings.DEBUG = True
    call_command("load_demo")
    call_command("load_demo")
    opening = Opening.objects.get(role__slug="ecommerce-director")
    # The demo is written through the services, so its stored scores are there and current.
    ranking = ranking_entries(opening.role, list(opening_scores(opening)))
    assert len(ranking) == opening.candidates.count() >= 4
    assert all(row.scored and not row.stale for row in ranking)
    assert {row.candidate.source for row in ranking} == {"internal", "external"}
    assert any(row.eligible for row in ranking)
    assert any(reason.code == "essential_not_met" for row in ranking for reason in row.reasons)
    assert opening.hiring_team.filter(username="recruiter").exists()


def test_demo_people_are_consistent_and_some_only_partly_assessed(framework, settings):
    settings.DEBUG = True
    call_command("load_demo")
    evidence = list(Assessment.objects.values_list("evidence", flat=True))
    assert len(evidence) == len(set(evidence)), "every evidence text is its own"
    # The growth marketer with "little exposure to running a whole department" is not rated
    # high on leading one
    daniel = Candidate.objects.get(email="daniel.okafor@example.com")
    assert "never a whole department" in daniel.notes
    assert daniel.assessments.get(competency__slug="team-leadership").level <= 2
    # Some people are only partly assessed, so "Not assessed" and coverage show
    director = Role.objects.get(slug="ecommerce-director")
    required = director.requirements.count()
    assessed = {
        candidate.name: candidate.assessments.values("competency").distinct().count()
        for candidate in Opening.objects.get(role=director).candidates.all()
    }
    assert any(count < required for count in assessed.values())
    assert any(count == required for count in assessed.values())


def test_loader_survives_hr_renaming_a_default_slug(framework):
    competency = Competency.objects.get(slug="seo")
    competency.slug = "search-seo"
    competency.save()
    role = Role.objects.get(slug="ecommerce-staff")
    role.slug = "online-staff"
    role.save()
    assert not load_default_framework().changed_anything
    load_default_framework(reset=True)
    assert Competency.objects.filter(name__iexact=competency.name).count() == 1
    assert Role.objects.filter(title__iexact=role.title).count() == 1


def test_reset_restores_a_default_roles_requirement_set_exactly(framework):
    role = Role.objects.get(slug="ecommerce-staff")
    shipped = set(role.requirements.values_list("competency__slug", "required_level"))
    extra = Competency.objects.exclude(requirements__role=role).first()
    RoleRequirement.objects.create(role=role, competency=extra, required_level=1)
    role.requirements.exclude(competency=extra).first().delete()
    load_default_framework(reset=True)
    assert set(role.requirements.values_list("competency__slug", "required_level")) == shipped
    assert Role.objects.get(pk=role.pk).version == role.version + 1


def test_resources_raise_each_competency_to_a_level_and_hr_edits_survive(framework):
    # Every shipped link has a level: the one the data states, else the kind's default
    for item in framework_data.LEARNING_RESOURCES:
        resource = LearningResource.objects.get(slug=item["slug"])
        have = dict(resource.competency_levels.values_list("competency__slug", "raises_to"))
        assert have == resource_levels(item["competencies"], item["kind"])
    # HR lowers one level: a plain re-run keeps it, a reset brings the shipped one back
    link = LearningResource.objects.get(slug="master-ecommerce").competency_levels.first()
    shipped = link.raises_to
    link.raises_to = 1
    link.save()
    load_default_framework()
    link.refresh_from_db()
    assert link.raises_to == 1
    load_default_framework(reset=True)
    assert (
        LearningResource.objects.get(slug="master-ecommerce")
        .competency_levels.get(competency=link.competency)
        .raises_to
        == shipped
    )


def test_director_and_cco_keep_the_customer_analytics_funnel_and_data(framework):
    # Going up from Manager to Director drops nothing the Manager was required to have
    roles = {role.slug: role for role in roles_with_requirements()}
    comparison = compare_roles(roles["ecommerce-manager"], roles["ecommerce-director"])
    assert [c.competency_slug for c in comparison.of_kind("dropped")] == []
    for slug in ("ecommerce-director", "chief-customer-officer"):
        levels = dict(
            RoleRequirement.objects.filter(role__slug=slug).values_list(
                "competency__slug", "required_level"
            )
        )
        for competency in (
            "customer-centricity",
            "web-analytics",
            "conversion-funnel-management",
            "data-driven-decisions",
        ):
            assert levels.get(competency, 0) >= 4, (slug, competency)


def test_a_rerun_adds_newly_shipped_requirements_but_not_ones_hr_removed(framework):
    director = Role.objects.get(slug="ecommerce-director")
    # Given an installation of an earlier release: the Director never had web analytics ...
    never = director.requirements.get(competency__slug="web-analytics")
    never.delete()
    RoleRequirement.history.filter(role_id=director.pk, competency__slug="web-analytics").delete()
    # ... and HR removed the funnel requirement and lowered customer-centricity
    director.requirements.get(competency__slug="conversion-funnel-management").delete()
    director.requirements.filter(competency__slug="customer-centricity").update(required_level=2)

    report = load_default_framework()

    # Then the re-run adds web analytics only, and keeps HR's edits
    assert report.created == {"requirements": 1}
    slugs = set(director.requirements.values_list("competency__slug", flat=True))
    assert "web-analytics" in slugs and "conversion-funnel-management" not in slugs
    assert director.requirements.get(competency__slug="customer-centricity").required_level == 2
    assert load_default_framework().changed_anything is False
