"""A small, realistic demo data set on top of the default framework (``manage.py load_demo``).

Users (one per group, plus a second recruiter outside the Director opening), an opening for
E-commerce Director with four candidates — internal and external; two eligible, one blocked by
an essential gap, one short of essentials and years — and a smaller opening for E-commerce
Manager. Idempotent: users, candidates and openings are matched by username / email / title.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils import timezone

from candidates import services
from candidates.models import Candidate, Opening
from careerpath.access import HR_GROUP, RECRUITER_GROUP, VIEWER_GROUP
from roles.models import Role, RoleRequirement

DEMO_PASSWORD = "careerpath-demo"  # noqa: S105 - documented demo login, embedded run only

DEMO_USERS = [
    # username, first name, last name, group, is_staff
    ("hr", "Hannah", "Reyes", HR_GROUP, True),
    ("recruiter", "Rafael", "Costa", RECRUITER_GROUP, True),
    ("recruiter2", "Mei", "Ishikawa", RECRUITER_GROUP, True),
    ("viewer", "Victor", "Nguyen", VIEWER_GROUP, False),
]


@dataclass(frozen=True)
class DemoCandidate:
    name: str
    email: str
    source: str
    current_role: str | None
    years: int
    notes: str
    # How this person's counted level relates to each Director requirement:
    # (offset for essential requirements, offset for the others, extra per index pattern)
    essential_offset: int
    other_offset: int
    weak_spot: int | None = None  # index of an essential requirement held 2 below


DIRECTOR_CANDIDATES = [
    DemoCandidate(
        "Linh Tran",
        "linh.tran@example.com",
        "internal",
        "ecommerce-manager",
        8,
        "Runs the web shop and marketplace channels today; keen to move up.",
        essential_offset=0,
        other_offset=0,
    ),
    DemoCandidate(
        "Marcus Webb",
        "marcus.webb@example.com",
        "external",
        None,
        12,
        "Currently head of digital sales at a mid-size retailer; referred by an agency.",
        essential_offset=1,
        other_offset=-1,
    ),
    DemoCandidate(
        "Daniel Okafor",
        "daniel.okafor@example.com",
        "external",
        None,
        9,
        "Strong growth marketer; little exposure to running a whole department.",
        essential_offset=0,
        other_offset=1,
        weak_spot=0,
    ),
    DemoCandidate(
        "Sofia Alvarez",
        "sofia.alvarez@example.com",
        "internal",
        "head-of-ecommerce",
        5,
        "High potential, loyal, knows our processes; would need training for the step up.",
        essential_offset=-1,
        other_offset=-1,
    ),
]

MANAGER_CANDIDATES = [
    DemoCandidate(
        "Priya Raman",
        "priya.raman@example.com",
        "internal",
        "head-of-ecommerce",
        4,
        "Leads the content and SEO squad.",
        essential_offset=0,
        other_offset=0,
    ),
]


def _clamp(level: int) -> int:
    return max(0, min(5, level))


def _ensure_users() -> dict[str, User]:
    users = {}
    for username, first, last, group_name, is_staff in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@careerpath.example",
                "is_staff": is_staff,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(Group.objects.get(name=group_name))
        users[username] = user
    return users


def _ensure_candidate(spec: DemoCandidate, role: Role, author: User, assessor: User) -> Candidate:
    existing = Candidate.objects.filter(email__iexact=spec.email).first()
    if existing:
        return existing
    current = Role.objects.filter(slug=spec.current_role).first() if spec.current_role else None
    candidate = services.candidate_create(
        created_by=author,
        name=spec.name,
        email=spec.email,
        source=spec.source,
        current_role=current,
        years_experience=spec.years,
        notes=spec.notes,
    )
    requirements = list(
        RoleRequirement.objects.filter(role=role)
        .select_related("competency")
        .order_by("competency__slug")
    )
    today = timezone.localdate()
    essential_index = 0
    for index, req in enumerate(requirements):
        if req.essential:
            level = req.required_level + spec.essential_offset
            if spec.weak_spot is not None and essential_index == spec.weak_spot:
                level = req.required_level - 2
            essential_index += 1
        else:
            # A deterministic mix: some relative strengths, some small dips.
            level = req.required_level + spec.other_offset
            level += (1 if index % 3 == 0 else 0) - (1 if index % 5 == 2 else 0)
        level = _clamp(level)
        # An older, lower assessment first: the history shows progress, the latest counts.
        if index % 4 == 0 and level > 1:
            services.assessment_create(
                candidate=candidate,
                competency=req.competency,
                level=level - 1,
                evidence="Earlier review.",
                assessed_at=today - datetime.timedelta(days=200),
                assessor=assessor,
            )
        services.assessment_create(
            candidate=candidate,
            competency=req.competency,
            level=level,
            evidence="Structured interview and work sample.",
            assessed_at=today - datetime.timedelta(days=14),
            assessor=assessor,
        )
    return candidate


def _ensure_opening(
    title: str, role: Role, team: list[User], candidates: list[Candidate], author: User
) -> Opening:
    opening = Opening.objects.filter(title=title).first()
    if opening is None:
        opening = services.opening_create(
            created_by=author, title=title, role=role, hiring_team=team, candidates=candidates
        )
    return opening


@transaction.atomic
def load_demo_data() -> str:
    director = Role.objects.filter(slug="ecommerce-director").first()
    manager = Role.objects.filter(slug="ecommerce-manager").first()
    if director is None or manager is None:
        raise LookupError("Load the framework first: `python manage.py load_framework`.")
    users = _ensure_users()
    hr, recruiter, recruiter2 = users["hr"], users["recruiter"], users["recruiter2"]
    director_people = [_ensure_candidate(c, director, hr, recruiter) for c in DIRECTOR_CANDIDATES]
    manager_people = [_ensure_candidate(c, manager, hr, recruiter2) for c in MANAGER_CANDIDATES]
    _ensure_opening("E-commerce Director (succession)", director, [recruiter], director_people, hr)
    _ensure_opening(
        "E-commerce Manager, marketplaces",
        manager,
        [recruiter2],
        [*manager_people, director_people[3]],
        hr,
    )
    return (
        f"Demo data ready: {len(DEMO_USERS)} users (password “{DEMO_PASSWORD}”), "
        f"{Candidate.objects.count()} candidates, {Opening.objects.count()} openings."
    )
