"""A save that changes nothing records nothing: text is stored normalised (``\\n`` line
endings, no trailing whitespace), so the textarea a browser sends back with ``\\r\\n`` compares
equal and no history row claims an edit nobody made."""

from __future__ import annotations

import pytest

from candidates.models import Candidate
from roles.models import Role, RoleRequirement
from skills.models import Competency
from tests import factories
from tests.pages.test_framework_editing import role_data, with_rows

pytestmark = pytest.mark.django_db

TEXTS = {
    "summary": "Leads online trade.\nAcross channels.",
    "responsibilities": "Own the P&L\nLead the team",
    "kpis": "Revenue\nMargin",
    "qualifications": "Degree\nTen years",
}


def as_browser_sends(text: str) -> str:
    return text.replace("\n", "\r\n")


def unchanged_role_form(role: Role, **texts: str) -> dict:
    rows = [
        {
            "competency": req.competency_id,
            "required_level": str(req.required_level),
            "weight": str(req.weight),
            **({"essential": "on"} if req.essential else {}),
        }
        for req in role.requirements.order_by("id")
    ]
    data = role_data(
        title=role.title,
        slug=role.slug,
        level=role.level,
        min_years_experience=str(role.min_years_experience),
        **texts,
    )
    return with_rows(data, rows, initial=len(rows))


@pytest.fixture
def texted_role(db):
    role = factories.RoleFactory(
        slug="texted", title="Texted Director", level="director", min_years_experience=5, **TEXTS
    )
    factories.RequirementFactory(role=role, required_level=4, weight=3, essential=True)
    factories.RequirementFactory(role=role, required_level=3, weight=2)
    return role


def test_unchanged_role_posted_with_crlf_records_no_history(client_as, hr_user, texted_role):
    client = client_as(hr_user)
    rows_before = texted_role.history.count()
    requirement_rows_before = RoleRequirement.history.count()
    data = unchanged_role_form(
        texted_role, **{name: as_browser_sends(text) + "  \r\n" for name, text in TEXTS.items()}
    )
    response = client.post(f"/roles/{texted_role.slug}/edit/", data)
    assert response.status_code == 302
    assert texted_role.history.count() == rows_before
    assert RoleRequirement.history.count() == requirement_rows_before
    version_before = texted_role.version
    texted_role.refresh_from_db()
    assert {name: getattr(texted_role, name) for name in TEXTS} == TEXTS
    assert texted_role.version == version_before  # nobody's open form is made stale
    body = client.get(f"/roles/{texted_role.slug}/").content.decode()
    assert "edited" not in body


def test_a_real_edit_is_stored_normalised_and_recorded_once(client_as, hr_user, texted_role):
    rows_before = texted_role.history.count()
    data = unchanged_role_form(
        texted_role,
        **{name: as_browser_sends(text) for name, text in TEXTS.items()},
    )
    data["kpis"] = "Revenue  \r\nMargin\r\nReturns\r\n\r\n"
    response = client_as(hr_user).post(f"/roles/{texted_role.slug}/edit/", data)
    assert response.status_code == 302
    version_before = texted_role.version
    texted_role.refresh_from_db()
    assert texted_role.kpis == "Revenue\nMargin\nReturns"
    assert texted_role.history.count() == rows_before + 1
    assert texted_role.version == version_before + 1
    body = client_as(hr_user).get(f"/roles/{texted_role.slug}/").content.decode()
    assert "KPIs edited" in body
    assert "Responsibilities edited" not in body and "Summary edited" not in body


def test_api_patch_with_the_same_content_records_nothing(client_for, hr_user, texted_role):
    rows_before = texted_role.history.count()
    # The API takes the one-per-line fields as lists, the summary as text.
    payload = {name: [f"{line} " for line in text.split("\n")] for name, text in TEXTS.items()}
    payload["summary"] = as_browser_sends(TEXTS["summary"]) + " \r\n"
    response = client_for(hr_user).patch(
        f"/api/v1/roles/{texted_role.slug}/", payload, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["summary"] == TEXTS["summary"]
    assert texted_role.history.count() == rows_before
    assert response.json()["version"] == texted_role.version
    assert response["ETag"] == f'"{texted_role.version}"'


def test_unchanged_candidate_notes_record_nothing(client_as, hr_user):
    candidate = factories.CandidateFactory(notes="Met at the fair.\nStrong on SEO.")
    rows_before = candidate.history.count()
    data = {
        "name": candidate.name,
        "email": candidate.email,
        "source": candidate.source,
        "current_role": "",
        "years_experience": str(candidate.years_experience),
        "notes": "Met at the fair.\r\nStrong on SEO.\r\n",
    }
    response = client_as(hr_user).post(f"/candidates/{candidate.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    assert candidate.history.count() == rows_before
    stored = Candidate.objects.get(pk=candidate.pk)
    assert (stored.notes, stored.version) == ("Met at the fair.\nStrong on SEO.", candidate.version)


def test_competency_description_is_stored_normalised(client_for, hr_user):
    competency = factories.CompetencyFactory(description="Old")
    response = client_for(hr_user).patch(
        f"/api/v1/competencies/{competency.slug}/",
        {"description": "Finds\r\nthings \r\n\r\n"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert Competency.objects.get(pk=competency.pk).description == "Finds\nthings"


def test_admin_save_of_unchanged_crlf_text_records_nothing(client_as, hr_user):
    category = factories.CategoryFactory(description="Selling online.\nAll channels.")
    rows_before = category.history.count()
    client = client_as(hr_user)
    url = f"/admin/skills/competencycategory/{category.pk}/change/"
    context = client.get(url).context
    form = context["adminform"].form
    data = {
        name: "" if form.initial.get(name) is None else form.initial[name] for name in form.fields
    }
    for inline in context["inline_admin_formsets"]:  # the page's inlines, as they are
        formset = inline.formset
        management = formset.management_form
        data.update({management.add_prefix(n): management.initial[n] for n in management.fields})
        for item in formset.forms:
            for name in item.fields:
                value = getattr(item.initial.get(name), "pk", item.initial.get(name))
                data[item.add_prefix(name)] = "" if value is None else value
    data["description"] = "Selling online.\r\nAll channels. \r\n"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert category.history.count() == rows_before
    data["description"] = "Selling online.\r\nEvery channel.\r\n"
    assert client.post(url, data).status_code == 302
    assert category.history.count() == rows_before + 1
    category.refresh_from_db()
    assert category.description == "Selling online.\nEvery channel."
