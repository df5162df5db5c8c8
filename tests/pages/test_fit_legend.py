"""The fit bar's colours are explained next to the bars, from the same thresholds."""

from decimal import Decimal

import pytest

from skills.templatetags.careerpath_ui import FIT_HIGH, FIT_MID, fit_bar, fit_legend
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("fit", "band"),
    [
        (Decimal(FIT_HIGH), "high"),
        (Decimal(FIT_HIGH) - Decimal("0.1"), "mid"),
        (Decimal(FIT_MID), "mid"),
        (Decimal(FIT_MID) - Decimal("0.1"), "low"),
    ],
)
def test_the_legend_names_the_band_each_fit_falls_in(fit, band):
    assert fit_bar(fit)["band"] == band
    meanings = {b: text for b, _colour, text in fit_legend()["bands"]}
    assert set(meanings) == {"high", "mid", "low"}
    assert meanings["high"].startswith(f"{FIT_HIGH}% or more")
    assert meanings["mid"].startswith(f"{FIT_MID}% to under {FIT_HIGH}%")
    assert meanings["low"].startswith(f"under {FIT_MID}%")


def test_opening_and_candidate_pages_show_the_legend(client_as, opening):
    client = client_as("recruiter")
    candidate = opening.candidates.first()
    factories.AssessmentFactory(
        candidate=candidate, competency=opening.role.requirements.first().competency, level=3
    )
    for url in (f"/openings/{opening.pk}/", f"/candidates/{candidate.pk}/"):
        response = client.get(url)
        body = response.content.decode()
        assert response.status_code == 200, url
        assert body.count('class="fit-legend muted"') == 1, url
        assert f"Green: {FIT_HIGH}% or more" in body, url
        assert '<span class="fit-swatch low" aria-hidden="true"></span>' in body, url
