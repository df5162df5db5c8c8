"""What a page form accepts from a browser (or from anyone who crafts a request): ids the
database cannot hold are field errors, not a 500; text the API refuses (control characters,
bidirectional overrides) is refused beside its field too, and accepted text is NFC-normalised."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.auth import get_user_model

from candidates.forms import CandidateCompareForm, CandidateForm, OpeningForm
from candidates.models import Candidate, Opening
from careerpath.pages import PageForm, is_object_id
from roles.forms import RequirementForm, RouteFinderForm
from roles.models import PromotionPath
from skills import forms as skills_forms  # noqa: F401 (its forms join PageForm's subclasses)
from skills.models import Competency
from tests import factories

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"  # over 2**63-1: SQLite raised OverflowError, PostgreSQL DataError


def new_candidate(**fields) -> dict:
    """What the new-candidate page posts, with ``fields`` changed."""
    return {
        "name": "Nadia Petrova",
        "email": "nadia@example.com",
        "source": "external",
        "years_experience": "3",
        **fields,
    }


# --- Ids ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("1", True),
        ("9223372036854775807", True),  # 2**63-1, the largest id a 64-bit column holds
        ("9223372036854775808", False),
        (HUGE, False),
        ("9" * 5000, False),  # int() refuses over 4300 digits: never reached
        ("0", False),
        ("-1", False),
        ("1.5", False),
        (" 1", False),
        ("١", False),  # an Arabic-Indic digit: int() would take it
        ("1_000", False),  # int() would take it too
        ("abc", False),
        ("", False),
        (7, True),
        (True, False),
        (None, False),
    ],
)
def test_is_object_id(value, ok):
    assert is_object_id(value) is ok


@pytest.mark.parametrize("suffix", ["compare/", "compare.csv", "compare.xlsx"])
def test_compare_with_a_huge_candidate_id_is_a_field_error(client_as, recruiter, opening, suffix):
    response = client_as(recruiter).get(f"/{suffix}?role={opening.role.slug}&candidates={HUGE}")
    assert response.status_code == 400
    if suffix == "compare/":
        assert response.context["form"].errors["candidates"] == [
            "“99999999999999999999…” is not a valid value."
        ]


def test_new_candidate_on_a_huge_opening_id_is_a_field_error(client_as, hr_user):
    response = client_as(hr_user).post("/candidates/new/", new_candidate(openings=[HUGE]))
    assert response.status_code == 400
    assert "openings" in response.context["form"].errors
    assert not Candidate.objects.exists()


@pytest.mark.parametrize("field", ["candidates", "hiring_team", "role"])
@pytest.mark.parametrize("url", ["new", "edit"])
def test_opening_form_with_a_huge_id_is_a_field_error(client_as, hr_user, opening, field, url):
    data = {"title": "Changed", "role": opening.role_id, "status": "open", field: [HUGE]}
    path = "/openings/new/" if url == "new" else f"/openings/{opening.pk}/edit/"
    response = client_as(hr_user).post(path, data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert Opening.objects.count() == 1
    assert not Opening.objects.filter(title="Changed").exists()


@pytest.mark.parametrize("value", [HUGE, "0", "-3", "abc"])
def test_promotion_path_with_an_impossible_role_id_is_a_field_error(
    client_as, hr_user, ladder, value
):
    response = client_as(hr_user).post(
        "/career-map/paths/new/",
        {"from_role": value, "to_role": ladder["chief"].pk, "typical_years": "2"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["from_role"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert PromotionPath.objects.count() == 2


def test_competency_with_a_huge_category_id_is_a_field_error(client_as, hr_user):
    response = client_as(hr_user).post("/skills/new/", {"name": "Haggling", "category": HUGE})
    assert response.status_code == 400
    assert "category" in response.context["form"].errors
    assert not Competency.objects.filter(name="Haggling").exists()


# --- Text -----------------------------------------------------------------------------------


def _all_page_forms() -> set[type[PageForm]]:
    found: set[type[PageForm]] = set()
    pending = list(PageForm.__subclasses__())
    while pending:
        form_class = pending.pop()
        found.add(form_class)
        pending.extend(form_class.__subclasses__())
    return found


def _build(form_class: type[PageForm], data: dict) -> PageForm:
    """A bound form of any page form, with the choices its constructor needs (none offered)."""
    extra = {
        RequirementForm: {"competency_choices": []},
        RouteFinderForm: {"candidates": Candidate.objects.none()},
        CandidateCompareForm: {"candidates": Candidate.objects.none()},
        CandidateForm: {"openings": Opening.objects.none()},
        OpeningForm: {
            "team": get_user_model().objects.none(),
            "candidates": Candidate.objects.none(),
        },
    }
    return form_class(data, **extra.get(form_class, {}))


def _text_fields() -> list[tuple[type[PageForm], str, bool]]:
    """Every declared text field (fields added in ``__init__`` are covered further down)."""
    cases = []
    for form_class in sorted(_all_page_forms(), key=lambda c: c.__name__):
        for name, field in form_class.base_fields.items():
            if isinstance(field, forms.CharField):
                cases.append((form_class, name, isinstance(field.widget, forms.Textarea)))
    return cases


def test_every_page_form_has_been_checked_for_text_fields():
    names = {form_class.__name__ for form_class, _name, _multiline in _text_fields()}
    # The forms with text inputs; a new one joins automatically (this guards the discovery).
    assert {
        "AssessmentForm",
        "CandidateForm",
        "CategoryForm",
        "CompetencyForm",
        "LearningResourceForm",
        "OpeningForm",
        "PromotionPathForm",
        "RoleForm",
    } <= names


@pytest.mark.parametrize(
    ("form_class", "name", "multiline"),
    _text_fields(),
    ids=lambda value: getattr(value, "__name__", str(value)),
)
@pytest.mark.parametrize("bad", ["\u202eevil", "bell\x07", "a\u2066b", "\ufffe", "x\x7f"])
def test_every_text_field_of_every_page_form_refuses_control_and_bidi_characters(
    form_class, name, multiline, bad
):
    form = _build(form_class, {name: bad})
    assert not form.is_valid()
    if isinstance(form.fields[name], forms.SlugField | forms.EmailField):
        assert name in form.errors  # their own format check refuses it first
    else:
        assert any("not accepted in text" in message for message in form.errors[name]), form.errors[
            name
        ]


@pytest.mark.parametrize(("form_class", "name", "multiline"), _text_fields())
def test_line_breaks_only_in_multiline_text(form_class, name, multiline):
    form = _build(form_class, {name: "first line\nsecond\tline"})
    form.is_valid()
    errors = form.errors.get(name, [])
    if multiline:
        assert not any("line" in message for message in errors), errors
    elif isinstance(form.fields[name], forms.SlugField | forms.EmailField):
        assert name in form.errors
    else:
        assert "Must be a single line (no tabs or line breaks)." in errors


def test_a_reversed_name_is_refused_on_the_new_candidate_page(client_as, recruiter):
    response = client_as(recruiter).post("/candidates/new/", new_candidate(name="\u202eevil"))
    assert response.status_code == 400
    assert response.context["form"].errors["name"] == [
        "Contains a character that is not accepted in text (U+202E, Cf) at position 0."
    ]
    assert not Candidate.objects.exists()


def test_page_text_is_stored_nfc_normalised_like_the_api(client_as, hr_user):
    response = client_as(hr_user).post(
        "/candidates/new/",
        new_candidate(
            name="Zoe\u0308 Martin",  # e + combining diaeresis
            notes="Cafe\u0301 owner.\nSpeaks Dutch.",
        ),
    )
    assert response.status_code == 302
    candidate = Candidate.objects.get()
    assert candidate.name == "Zoë Martin" and len(candidate.name) == 10
    assert candidate.notes == "Café owner.\nSpeaks Dutch."


def test_text_checks_apply_to_fields_added_in_init(client_as, hr_user):
    category = factories.CategoryFactory()
    response = client_as(hr_user).post(
        "/skills/new/",
        {"name": "Haggling", "category": category.pk, "indicator_3": "Wins \u202ediscounts"},
    )
    assert response.status_code == 400
    assert "not accepted in text" in response.context["form"].errors["indicator_3"][0]
