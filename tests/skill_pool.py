"""A pool of candidates assessed on two competencies, for the skill search tests (selector,
API, pages): who matches "SEO ≥ 4 and Web analytics ≥ 4" depends on which assessment counts."""

from __future__ import annotations

import datetime
from typing import Any

from candidates.models import Candidate, Opening
from tests import factories

OLD = datetime.date(2024, 1, 10)
NEW = datetime.date(2025, 1, 10)


def skilled_pool(opening: Opening) -> dict[str, Any]:
    """On ``opening`` (the recruiter's): Ada matches both conditions; Ben's higher SEO is older
    than his current one; Cy has no web analytics; Dee's two SEO levels share a date, so the
    later id (the lower level) counts. Eve matches both but is on no opening of the recruiter's.
    """
    seo = factories.CompetencyFactory(slug="seo", name="SEO")
    web = factories.CompetencyFactory(slug="web-analytics", name="Web analytics")
    people: dict[str, Any] = {"seo": seo, "web": web}

    def person(name: str, levels: list[tuple[Any, int, datetime.date]], *, on: bool = True):
        candidate = factories.CandidateFactory(name=name, source=Candidate.Source.INTERNAL)
        if on:
            opening.candidates.add(candidate)
        for competency, level, when in levels:
            factories.AssessmentFactory(
                candidate=candidate, competency=competency, level=level, assessed_at=when
            )
        people[name.lower()] = candidate

    person("Ada", [(seo, 2, OLD), (seo, 4, NEW), (web, 5, NEW)])
    person("Ben", [(seo, 5, OLD), (seo, 2, NEW), (web, 5, NEW)])
    person("Cy", [(seo, 4, NEW)])
    person("Dee", [(seo, 5, NEW), (seo, 1, NEW), (web, 4, NEW)])
    person("Eve", [(seo, 5, NEW), (web, 5, NEW)], on=False)
    return people
