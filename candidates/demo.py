"""A small, realistic demo data set on top of the default framework (``manage.py load_demo``).

Users (one per group, plus a second recruiter outside the Director opening), an opening for
E-commerce Director with four candidates — internal and external; two eligible, one blocked by
essential gaps in leadership and finance, one short of essentials and years and only partly
assessed — and a smaller opening for E-commerce Manager. Each person's notes, levels and
evidence agree with each other. Idempotent: users, candidates and openings are matched by
username / email / title.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace

from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils import timezone

from candidates import services
from candidates.models import Candidate, Opening
from careerpath.access import HR_GROUP, RECRUITER_GROUP, VIEWER_GROUP
from roles.models import Role, RoleRequirement
from skills.models import CompetencyLevelIndicator

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
    """One demo person. Their notes, levels and evidence tell one story: ``levels`` sets the
    counted level per competency slug, ``others`` the offset from the required level for every
    other requirement of the role (None: those are not assessed yet, so the pages show "Not
    assessed" and partial coverage), ``evidence`` the hand-written evidence where it matters;
    elsewhere the evidence quotes the competency's indicator at the assessed level."""

    name: str
    email: str
    source: str
    current_role: str | None
    years: int
    notes: str
    method: str  # how they were assessed, e.g. "Panel interview"
    earlier_method: str = "Previous annual review"  # an employee's older, lower review
    levels: dict[str, int] = field(default_factory=dict)
    others: int | None = 0
    evidence: dict[str, str] = field(default_factory=dict)


DIRECTOR_CANDIDATES = [
    DemoCandidate(
        "Linh Tran",
        "linh.tran@example.com",
        "internal",
        "ecommerce-manager",
        8,
        "Runs the web shop and marketplace channels today and owns their funnel; keen to move "
        "up. Presents to the board only occasionally so far.",
        "Annual review with 360° feedback",
        levels={
            "stakeholder-communication": 4,
            "marketplace-channel-sales": 5,
            "conversion-funnel-management": 5,
            "web-analytics": 5,
            "inventory-supply-chain": 3,
            "legal-policy-compliance": 3,
        },
        evidence={
            "stakeholder-communication": "Clear monthly channel reviews for the leadership "
            "team; has presented to the board twice, both times with the CFO alongside.",
            "conversion-funnel-management": "Rebuilt checkout and basket recovery in 2025: "
            "conversion up from 2.1% to 2.8% across web and app.",
            "team-leadership": "Leads 14 people in three squads; the lowest attrition of any "
            "digital team two years running.",
            "budget-pnl-management": "Owns the online P&L (about 40 M) and hit its margin "
            "target while funding the marketplace launch.",
        },
    ),
    DemoCandidate(
        "Marcus Webb",
        "marcus.webb@example.com",
        "external",
        None,
        12,
        "Head of digital sales at a mid-size retailer; referred by an agency. The first panel "
        "covered strategy, leadership and the numbers; channels and operations are still to "
        "be assessed.",
        "First-round panel interview",
        levels={
            "ecommerce-strategy": 5,
            "strategic-planning": 5,
            "risk-management": 5,
            "budget-pnl-management": 5,
            "team-leadership": 5,
            "data-driven-decisions": 5,
            "conversion-funnel-management": 5,
            "customer-centricity": 4,
            "stakeholder-communication": 5,
            "commercial-acumen": 5,
            "kpi-reporting": 4,
            "market-research-trends": 4,
        },
        others=None,
        evidence={
            "ecommerce-strategy": "Walked the panel through the three-year plan that took "
            "his employer's online share from 18% to 35%.",
            "team-leadership": "Built a 40-person digital sales organisation with four "
            "managers reporting to him.",
            "budget-pnl-management": "Answered the P&L case without notes; sets and defends "
            "the digital budget with the CFO every year.",
        },
    ),
    DemoCandidate(
        "Daniel Okafor",
        "daniel.okafor@example.com",
        "external",
        None,
        9,
        "Strong growth marketer: ran acquisition and the funnel at a scale-up. Has led a squad "
        "of four, but never a whole department or its budget.",
        "Case-study interview",
        levels={
            "seo": 5,
            "sem-paid-search": 5,
            "social-media-marketing": 5,
            "email-remarketing": 5,
            "affiliate-programmes": 4,
            "web-analytics": 5,
            "conversion-funnel-management": 5,
            "data-driven-decisions": 5,
            "kpi-reporting": 5,
            "online-branding": 5,
            "creativity-innovation": 5,
            "emerging-technology": 4,
            "ux-site-optimisation": 4,
            "customer-retention": 4,
            "customer-centricity": 4,
            "team-leadership": 2,
            "budget-pnl-management": 3,
            "strategic-planning": 3,
            "risk-management": 2,
            "stakeholder-communication": 3,
            "inventory-supply-chain": 1,
            "logistics-fulfilment": 1,
            "ecommerce-operations": 2,
            "legal-policy-compliance": 2,
        },
        others=-1,
        evidence={
            "team-leadership": "Leads a squad of four; has not yet led managers or a "
            "department, and said so openly.",
            "budget-pnl-management": "Manages a 2 M paid-media budget against ROAS targets; "
            "no P&L ownership.",
            "sem-paid-search": "Cut blended CAC by a quarter in a year by rebuilding the "
            "paid-search account structure and bidding.",
        },
    ),
    DemoCandidate(
        "Sofia Alvarez",
        "sofia.alvarez@example.com",
        "internal",
        "head-of-ecommerce",
        5,
        "High potential, loyal, knows our processes; would need training for the step up. "
        "Assessed on operations and the team so far; strategy and finance come at the next "
        "review cycle.",
        "Quarterly review",
        "Mid-year check-in last year",
        levels={
            "budget-pnl-management": 4,
            "team-leadership": 4,
            "cross-functional-collaboration": 4,
            "ecommerce-operations": 4,
            "customer-service": 4,
            "inventory-supply-chain": 3,
            "logistics-fulfilment": 3,
            "ecommerce-platforms": 3,
            "marketplace-channel-sales": 3,
            "customer-centricity": 4,
            "web-analytics": 3,
            "kpi-reporting": 3,
            "stakeholder-communication": 3,
        },
        others=None,
        evidence={
            "budget-pnl-management": "Runs the department's cost budget and forecasts it "
            "within 3%; has not owned revenue targets yet.",
            "team-leadership": "Leads the six-person store team; two of her people were "
            "promoted this year.",
        },
    ),
]

MANAGER_CANDIDATES = [
    DemoCandidate(
        "Priya Raman",
        "priya.raman@example.com",
        "internal",
        "head-of-ecommerce",
        4,
        "Leads the content and SEO squad; marketplaces are new to her.",
        "Work-sample review",
        levels={
            "seo": 5,
            "online-branding": 4,
            "marketplace-channel-sales": 3,
            "sem-paid-search": 3,
            "affiliate-programmes": 2,
            "budget-pnl-management": 2,
            "logistics-fulfilment": 2,
        },
        evidence={
            "seo": "Took organic sessions up 60% in a year with a content hub she planned "
            "and her squad wrote.",
            "marketplace-channel-sales": "Has supported one marketplace listing project; "
            "has not run a channel herself.",
        },
    ),
]


def _clamp(level: int) -> int:
    return max(0, min(5, level))


def _evidence(
    spec: DemoCandidate, req: RoleRequirement, level: int, indicators: dict[tuple[int, int], str]
) -> str:
    """The hand-written evidence, else what the assessor saw: the indicator at that level."""
    if req.competency.slug in spec.evidence:
        return spec.evidence[req.competency.slug]
    seen = indicators.get((req.competency_id, level))
    if seen is None:
        return f"{spec.method}: no evidence of {req.competency.name.lower()} yet."
    return f"{spec.method}: {seen[0].lower()}{seen[1:]}"


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
    indicators = {
        (row.competency_id, row.level): row.description
        for row in CompetencyLevelIndicator.objects.filter(
            competency__in=[req.competency_id for req in requirements]
        )
    }
    today = timezone.localdate()
    for index, req in enumerate(requirements):
        if req.competency.slug in spec.levels:
            level = spec.levels[req.competency.slug]
        elif spec.others is None:
            continue  # not assessed yet
        else:
            level = _clamp(req.required_level + spec.others)
        # For employees, an older, lower review first: the history shows progress.
        if spec.source == "internal" and index % 4 == 0 and level > 1:
            services.assessment_create(
                candidate=candidate,
                competency=req.competency,
                level=level - 1,
                evidence=_evidence(
                    replace(spec, method=spec.earlier_method, evidence={}),
                    req,
                    level - 1,
                    indicators,
                ),
                assessed_at=today - datetime.timedelta(days=200),
                assessor=assessor,
            )
        services.assessment_create(
            candidate=candidate,
            competency=req.competency,
            level=level,
            evidence=_evidence(spec, req, level, indicators),
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
