"""The authorization sweep (issue 9): every URL route the project resolves × every method it
accepts × the whole cast, against one table of access classes.

* Routes are enumerated from Django's resolver (pages, the API router, the auth views); a route
  whose URL name is not in ``ACCESS`` fails ``test_every_route_is_classified`` with the lines to
  add. The admin is swept by a sample of its pages (index, every registered model's list, the
  change and history pages of the objects that matter): staff only, object pages scoped by the
  same selectors as everything else.
* Each route gets a fresh world of real objects (an opening the recruiter is on, a candidate on
  it with a distinctive name, an assessment, a job, a role, a competency, ...). Writes go with
  empty bodies: what matters is that who may not write is refused (401/403/404, or the sign-in
  redirect) and the database is left as it was, and that nothing answers 500.
* Leaks: the outside recruiter and the viewer never see the candidate on the opening — not in a
  page, a list, a search, an export (CSV, Excel, PDF, background-job files), an error message or
  the admin's lists and history; nor the opening's title. Every body they receive is searched
  for the name, the email and the title, and the recruiter on the opening is shown to see them
  through the same requests (so the search could find a leak).

The project's rule (``careerpath/access.py``, ``careerpath/api/permissions.py``): outsiders get
404 for objects they may not see, a wrong group 403 for actions; anonymous gets the sign-in
page (pages) or 401 (API).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pytest
from django.contrib import admin
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework.test import APIClient

from candidates.models import FitSnapshot
from jobs.services import job_create, job_succeed
from tests import factories
from tests.api.conftest import database_state

pytestmark = pytest.mark.django_db

CAST = ("anonymous", "viewer", "outsider", "recruiter", "hr")
METHODS = ("get", "post", "put", "patch", "delete")
WRITES = METHODS[1:]

# The candidate on the opening: nobody outside the opening may ever read these.
SECRET_NAME = "Zebulon Quillfeather"
SECRET_EMAIL = "zebulon.quillfeather@leak-check.example"
SECRET_NOTES = "Quillfeather-private-note"
# The opening is outside the outsider's reach too: its title must not show either.
SECRET_OPENING = "Quillfeather desk: director"
# What a leak would show (the searches below ask for "Zebulon", which pages echo back).
SECRETS = ("Quillfeather", SECRET_EMAIL.split("@")[0])

# The outsider is on another opening, whose candidate the recruiter must not see.
OTHER_NAME = "Ximena Otherdesk"
OTHER_SECRETS = ("Otherdesk",)

# --- Outcomes -------------------------------------------------------------------------------
# A refusal is exact: 401 (API, anonymous), 403 (a group that may not), 404 (an object outside
# the user's reach, or an address that does not exist), LOGIN (a page redirecting anonymous to
# the sign-in page). ``OK`` is an allowed request: any answer but a refusal or a 500 (an empty
# body is allowed to be a 400 or a form shown again with its errors). ``READ`` is an allowed
# read: exactly 200 (or a redirect a page answers by design, see ``READ_REDIRECTS``).
LOGIN = "login"
OK = "ok"
READ = "read"
Outcome = int | str


@dataclass(frozen=True)
class AccessClass:
    """Expected outcome per cast member, for reads (GET) and for writes (every other method the
    route accepts). A method the route does not accept must be refused or a 405, never 2xx."""

    doc: str
    read: dict[str, Outcome]
    write: dict[str, Outcome]


def _by_cast(*outcomes: Outcome) -> dict[str, Outcome]:
    """Outcomes in the order of ``CAST``: anonymous, viewer, outsider, recruiter, HR."""
    return dict(zip(CAST, outcomes, strict=True))


CLASSES: dict[str, AccessClass] = {
    # Pages
    "public": AccessClass(
        "Sign-in and password-reset pages: anyone.",
        _by_cast(READ, READ, READ, READ, READ),
        _by_cast(OK, OK, OK, OK, OK),
    ),
    "signed-in": AccessClass(
        "Pages about the user's own account (change password, sign out): any signed-in user.",
        _by_cast(LOGIN, READ, READ, READ, READ),
        _by_cast(LOGIN, OK, OK, OK, OK),
    ),
    "framework-page": AccessClass(
        "Framework pages: every group member reads, only HR edits.",
        _by_cast(LOGIN, READ, READ, READ, READ),
        _by_cast(LOGIN, 403, 403, 403, OK),
    ),
    "framework-edit-page": AccessClass(
        "Framework forms (new, edit, delete): HR only, the form too.",
        _by_cast(LOGIN, 403, 403, 403, READ),
        _by_cast(LOGIN, 403, 403, 403, OK),
    ),
    "recruiting-page": AccessClass(
        "Recruiting collections (lists, exports, new candidate, import, compare): HR and "
        "recruiters, each seeing only their candidates; viewers 403.",
        _by_cast(LOGIN, 403, READ, READ, READ),
        _by_cast(LOGIN, 403, OK, OK, OK),
    ),
    "hr-recruiting-page": AccessClass(
        "Recruiting actions reserved to HR (a new opening).",
        _by_cast(LOGIN, 403, 403, 403, READ),
        _by_cast(LOGIN, 403, 403, 403, OK),
    ),
    "opening-page": AccessClass(
        "Pages of one opening or candidate: HR and its hiring team; a recruiter outside it "
        "404 (as if it did not exist); viewers 403 (wrong group).",
        _by_cast(LOGIN, 403, 404, READ, READ),
        _by_cast(LOGIN, 403, 404, OK, OK),
    ),
    "hr-only-page": AccessClass(
        "HR's own pages (the audit trail, erasures, erasing a candidate): HR alone.",
        _by_cast(LOGIN, 403, 403, 403, READ),
        _by_cast(LOGIN, 403, 403, 403, OK),
    ),
    "hr-candidate-page": AccessClass(
        "A candidate's personal-data download: HR alone; a recruiter who can see the "
        "candidate 403, one who cannot 404; viewers 403 (wrong group).",
        _by_cast(LOGIN, 403, 404, 403, READ),
        _by_cast(LOGIN, 403, 404, 403, OK),
    ),
    "job-page": AccessClass(
        "A background job's pages: its creator (the recruiter) and HR; anyone else 404.",
        _by_cast(LOGIN, 404, 404, READ, READ),
        _by_cast(LOGIN, 404, 404, OK, OK),
    ),
    # API (anonymous: 401 everywhere but the token exchange)
    "api-public": AccessClass(
        "The schema, its docs and the token exchange: anyone.",
        _by_cast(READ, READ, READ, READ, READ),
        _by_cast(OK, OK, OK, OK, OK),
    ),
    "api-not-found": AccessClass(
        "Anything else under /api/: a JSON 404 for everyone.",
        _by_cast(404, 404, 404, 404, 404),
        _by_cast(404, 404, 404, 404, 404),
    ),
    "api-signed-in": AccessClass(
        "The API root and the user's own token: any signed-in user.",
        _by_cast(401, READ, READ, READ, READ),
        _by_cast(401, OK, OK, OK, OK),
    ),
    "api-framework": AccessClass(
        "Framework resources: every group member reads, HR writes, others 403.",
        _by_cast(401, READ, READ, READ, READ),
        _by_cast(401, 403, 403, 403, OK),
    ),
    "api-recruiting": AccessClass(
        "Recruiting collections and actions (lists, export, create, rank, compare, import): HR "
        "and recruiters (each within their reach), viewers 403.",
        _by_cast(401, 403, READ, READ, READ),
        _by_cast(401, 403, OK, OK, OK),
    ),
    "api-hr-recruiting": AccessClass(
        "Openings as a collection: recruiters list theirs, only HR creates one.",
        _by_cast(401, 403, READ, READ, READ),
        _by_cast(401, 403, 403, 403, OK),
    ),
    "api-hr-only": AccessClass(
        "The audit trail: HR alone; everyone else signed in 403.",
        _by_cast(401, 403, 403, 403, READ),
        _by_cast(401, 403, 403, 403, OK),
    ),
    "api-hr-candidate": AccessClass(
        "A candidate's personal data: HR alone; the recruiter who can see the candidate 403, "
        "anyone who cannot 404 (the API never confirms an id exists).",
        _by_cast(401, 404, 404, 403, READ),
        _by_cast(401, 404, 404, 403, OK),
    ),
    "api-opening": AccessClass(
        "One opening, candidate, assessment or job: HR and the opening's team (a job's "
        "creator); everyone else 404, viewers too — the API never confirms an id exists.",
        _by_cast(401, 404, 404, READ, READ),
        _by_cast(401, 404, 404, OK, OK),
    ),
}

# URL name → access class. Every route the resolver lists must be here (admin routes aside,
# see ADMIN_PAGES).
ACCESS: dict[str, str] = {
    # django.contrib.auth
    "login": "public",
    "password_reset": "public",
    "password_reset_done": "public",
    "password_reset_confirm": "public",
    "password_reset_complete": "public",
    "logout": "signed-in",
    "password_change": "signed-in",
    "password_change_done": "signed-in",
    # framework pages
    "home": "framework-page",
    "roles:list": "framework-page",
    "roles:compare": "framework-page",
    "roles:detail": "framework-page",
    "map:index": "framework-page",
    "skills:list": "framework-page",
    "skills:detail": "framework-page",
    "learning:list": "framework-page",
    "roles:create": "framework-edit-page",
    "roles:edit": "framework-edit-page",
    "roles:delete": "framework-edit-page",
    "map:path-create": "framework-edit-page",
    "map:path-edit": "framework-edit-page",
    "map:path-delete": "framework-edit-page",
    "skills:create": "framework-edit-page",
    "skills:edit": "framework-edit-page",
    "skills:category-create": "framework-edit-page",
    "skills:category-edit": "framework-edit-page",
    "learning:create": "framework-edit-page",
    "learning:edit": "framework-edit-page",
    # recruiting pages
    "candidates:opening-list": "recruiting-page",
    "candidates:candidate-list": "recruiting-page",
    "candidates:candidate-export-csv": "recruiting-page",
    "candidates:candidate-export-xlsx": "recruiting-page",
    "candidates:candidate-create": "recruiting-page",
    "candidates:candidate-import": "recruiting-page",
    "candidates:import-template": "recruiting-page",
    "candidates:compare": "recruiting-page",
    "candidates:compare-csv": "recruiting-page",
    "candidates:compare-xlsx": "recruiting-page",
    # Per role, not per opening: everyone who works with candidates reads it, and sees only
    # the candidates within their reach (the leak search below holds it to that).
    "candidates:succession-index": "recruiting-page",
    "candidates:succession-board": "recruiting-page",
    "candidates:opening-create": "hr-recruiting-page",
    "candidates:opening-detail": "opening-page",
    "candidates:opening-edit": "opening-page",
    "candidates:opening-compare": "opening-page",
    "candidates:opening-compare-csv": "opening-page",
    "candidates:opening-compare-xlsx": "opening-page",
    "candidates:opening-report": "opening-page",
    "candidates:candidate-detail": "opening-page",
    "candidates:candidate-edit": "opening-page",
    "candidates:candidate-scorecard": "opening-page",
    "candidates:candidate-personal-data": "hr-candidate-page",
    "candidates:candidate-erase": "hr-only-page",
    "candidates:erasure-list": "hr-only-page",
    "audit:trail": "hr-only-page",
    "jobs:detail": "job-page",
    "jobs:download": "job-page",
    # API
    "api-schema": "api-public",
    "api-docs": "api-public",
    "api-v1:auth-token": "api-public",
    "api-not-found": "api-not-found",
    "api-v1:api-root": "api-signed-in",
    "api-v1:auth-token-rotate": "api-signed-in",
    "api-v1:competency-category-list": "api-framework",
    "api-v1:competency-category-detail": "api-framework",
    "api-v1:competency-list": "api-framework",
    "api-v1:competency-detail": "api-framework",
    "api-v1:learning-resource-list": "api-framework",
    "api-v1:learning-resource-detail": "api-framework",
    "api-v1:role-list": "api-framework",
    "api-v1:role-detail": "api-framework",
    "api-v1:promotion-path-list": "api-framework",
    "api-v1:promotion-path-detail": "api-framework",
    "api-v1:career-route": "api-framework",
    "api-v1:candidate-list": "api-recruiting",
    "api-v1:candidate-export": "api-recruiting",
    "api-v1:assessment-list": "api-recruiting",
    "api-v1:role-ranking": "api-recruiting",
    "api-v1:comparisons": "api-recruiting",
    "api-v1:role-succession": "api-recruiting",
    "api-v1:imports": "api-recruiting",
    "api-v1:opening-list": "api-hr-recruiting",
    "api-v1:opening-detail": "api-opening",
    "api-v1:candidate-detail": "api-opening",
    "api-v1:candidate-fit": "api-opening",
    "api-v1:candidate-scorecard": "api-opening",
    "api-v1:candidate-personal-data": "api-hr-candidate",
    "api-v1:audit": "api-hr-only",
    "api-v1:candidate-development-plan": "api-opening",
    "api-v1:assessment-detail": "api-opening",
    "api-v1:task-detail": "api-opening",
    "api-v1:task-download": "api-opening",
}

# Exceptions to a route's class: (URL name, method, cast member) → outcome.
EXCEPTIONS: dict[tuple[str, str, str], Outcome] = {
    # A query naming the opening's candidate (or the opening) reads, to the outsider, like one
    # naming nothing that exists: a 400 on that parameter, never the rows.
    ("api-v1:assessment-list", "get", "outsider"): 400,
    ("api-v1:role-ranking", "get", "outsider"): 400,
    ("candidates:compare", "get", "outsider"): 400,
    ("candidates:compare-csv", "get", "outsider"): 400,
    ("candidates:compare-xlsx", "get", "outsider"): 400,
    # Revoking one's token (DELETE) needs a signed-in user, who has none here to revoke.
    ("api-v1:auth-token", "delete", "anonymous"): 401,
    **{("api-v1:auth-token", "delete", m): 404 for m in CAST[1:]},
    # The CSV export streams on GET; only the Excel one is also made in the background (POST).
    **{("candidates:candidate-export-csv", "post", m): 405 for m in CAST[2:]},
    # Signing out when not signed in just goes home.
    ("logout", "post", "anonymous"): OK,
}

# Reads where someone on the opening sees its candidate: the same request by anyone outside
# it is the real test of a leak (and this proves the search for the name can find it).
SHOWS_THE_CANDIDATE = {
    "candidates:candidate-list",
    "candidates:candidate-export-csv",
    "candidates:candidate-export-xlsx",
    "candidates:compare",
    "candidates:compare-csv",
    "candidates:compare-xlsx",
    "candidates:succession-board",
    "candidates:opening-detail",
    "candidates:opening-compare",
    "candidates:opening-compare-csv",
    "candidates:opening-compare-xlsx",
    "candidates:candidate-detail",
    "candidates:candidate-edit",
    "candidates:candidate-scorecard",
    "jobs:download",
    "map:index",
    "api-v1:candidate-list",
    "api-v1:candidate-export",
    "api-v1:candidate-detail",
    "api-v1:role-ranking",
    "api-v1:role-succession",
    "api-v1:task-download",
}


# --- The world ------------------------------------------------------------------------------


@pytest.fixture
def world(cast, director_role) -> dict[str, Any]:
    """One of everything the routes name, with the recruiter on the opening and the secret
    candidate on it."""
    recruiter = cast["recruiter"]
    secret = factories.CandidateFactory(
        name=SECRET_NAME, email=SECRET_EMAIL, notes=SECRET_NOTES, current_role=director_role
    )
    other = factories.CandidateFactory(current_role=director_role)
    opening = factories.OpeningFactory(
        title=SECRET_OPENING,
        role=director_role,
        hiring_team=[recruiter],
        candidates=[secret, other],
    )
    factories.OpeningFactory(
        title="Otherdesk opening",
        role=director_role,
        hiring_team=[cast["outsider"]],
        candidates=[factories.CandidateFactory(name=OTHER_NAME, email="x.otherdesk@example.com")],
    )
    competency = director_role.requirements.order_by("id").first().competency
    manager = factories.RoleFactory(slug="manager", title="Manager", level="manager")
    return {
        "opening": opening,
        "candidate": secret,
        "assessment": factories.AssessmentFactory(candidate=secret, competency=competency),
        "competency": competency,
        "category": competency.category,
        "resource": factories.LearningResourceFactory(competencies=[competency]),
        "role": director_role,
        "manager": manager,
        "path": factories.PromotionPathFactory(from_role=manager, to_role=director_role),
        # A job the recruiter started about the secret candidate, with a file to download.
        "job": job_succeed(
            job_id=job_create(kind="candidate_export", created_by=recruiter).pk,
            result={},
            file_name="export.csv",
            content=f"name,email\n{SECRET_NAME},{SECRET_EMAIL}\n".encode(),
        ),
        "snapshot": FitSnapshot.objects.create(
            candidate=secret, role=director_role, fit=50, eligible=False, shortfall=1
        ),
        "forgetful": factories.UserFactory(username="forgetful"),
    }


def _reset_link(w: dict[str, Any]) -> dict[str, Any]:
    # For a user nobody signs in as: signing in changes the user's last_login, which
    # invalidates the token (and the view then shows "invalid link" to any method).
    return {
        "uidb64": urlsafe_base64_encode(force_bytes(w["forgetful"].pk)),
        "token": default_token_generator.make_token(w["forgetful"]),
    }


# URL name → the URL parameters of the world's object it names.
SAMPLE_KWARGS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "password_reset_confirm": _reset_link,
    "roles:detail": lambda w: {"slug": w["role"].slug},
    "roles:edit": lambda w: {"slug": w["role"].slug},
    "roles:delete": lambda w: {"slug": w["role"].slug},
    "map:path-edit": lambda w: {"pk": w["path"].pk},
    "map:path-delete": lambda w: {"pk": w["path"].pk},
    "skills:detail": lambda w: {"slug": w["competency"].slug},
    "skills:edit": lambda w: {"slug": w["competency"].slug},
    "skills:category-edit": lambda w: {"slug": w["category"].slug},
    "learning:edit": lambda w: {"slug": w["resource"].slug},
    "candidates:import-template": lambda w: {"slug": w["role"].slug, "extension": "csv"},
    **{
        f"candidates:opening-{page}": (lambda w: {"pk": w["opening"].pk})
        for page in ("detail", "edit", "compare", "compare-csv", "compare-xlsx", "report")
    },
    "candidates:candidate-detail": lambda w: {"pk": w["candidate"].pk},
    "candidates:candidate-edit": lambda w: {"pk": w["candidate"].pk},
    "candidates:candidate-scorecard": lambda w: {"pk": w["candidate"].pk},
    "candidates:candidate-personal-data": lambda w: {"pk": w["candidate"].pk},
    "candidates:candidate-erase": lambda w: {"pk": w["candidate"].pk},
    "jobs:detail": lambda w: {"pk": w["job"].pk},
    "jobs:download": lambda w: {"pk": w["job"].pk},
    "api-not-found": lambda w: {"unmatched": "no-such-thing/"},
    "api-v1:competency-category-detail": lambda w: {"slug": w["category"].slug},
    "api-v1:competency-detail": lambda w: {"slug": w["competency"].slug},
    "api-v1:learning-resource-detail": lambda w: {"slug": w["resource"].slug},
    "api-v1:role-detail": lambda w: {"slug": w["role"].slug},
    "api-v1:role-ranking": lambda w: {"slug": w["role"].slug},
    "api-v1:role-succession": lambda w: {"slug": w["role"].slug},
    "candidates:succession-board": lambda w: {"slug": w["role"].slug},
    "api-v1:promotion-path-detail": lambda w: {"pk": w["path"].pk},
    "api-v1:candidate-detail": lambda w: {"pk": w["candidate"].pk},
    "api-v1:candidate-fit": lambda w: {"pk": w["candidate"].pk},
    "api-v1:candidate-scorecard": lambda w: {"pk": w["candidate"].pk},
    "api-v1:candidate-personal-data": lambda w: {"pk": w["candidate"].pk},
    "api-v1:candidate-development-plan": lambda w: {"pk": w["candidate"].pk},
    "api-v1:assessment-detail": lambda w: {"pk": w["assessment"].pk},
    "api-v1:opening-detail": lambda w: {"pk": w["opening"].pk},
    "api-v1:task-detail": lambda w: {"pk": w["job"].pk},
    "api-v1:task-download": lambda w: {"pk": w["job"].pk},
}

# URL name → the query string a read needs to show the secret candidate to someone who may see
# them (so the outsider's answer to the same question is a real test of the leak).
QUERIES: dict[str, Callable[[dict[str, Any]], str]] = {
    "roles:compare": lambda w: f"a={w['manager'].slug}&b={w['role'].slug}",
    "map:index": lambda w: (
        f"start={w['manager'].slug}&target={w['role'].slug}&candidate={w['candidate'].pk}"
    ),
    "candidates:candidate-list": lambda w: "q=Zebulon",
    "candidates:candidate-export-csv": lambda w: "q=Zebulon",
    "candidates:candidate-export-xlsx": lambda w: "q=Zebulon",
    **{
        f"candidates:{name}": (lambda w: f"role={w['role'].slug}&candidates={w['candidate'].pk}")
        for name in ("compare", "compare-csv", "compare-xlsx")
    },
    "candidates:candidate-detail": lambda w: f"role={w['role'].slug}",
    "candidates:candidate-create": lambda w: f"opening={w['opening'].pk}",
    "api-v1:candidate-list": lambda w: "search=Zebulon",
    "api-v1:candidate-export": lambda w: "search=Zebulon&format=csv",
    "api-v1:assessment-list": lambda w: f"candidate={w['candidate'].pk}",
    "api-v1:role-ranking": lambda w: f"opening={w['opening'].pk}",
    "api-v1:career-route": lambda w: f"from={w['manager'].slug}&to={w['role'].slug}",
    "api-v1:candidate-fit": lambda w: f"role={w['role'].slug}",
    "api-v1:candidate-scorecard": lambda w: f"role={w['role'].slug}",
    "candidates:candidate-scorecard": lambda w: f"role={w['role'].slug}",
    "api-v1:candidate-development-plan": lambda w: f"role={w['role'].slug}",
}

# Reads that answer with a redirect by design (not a refusal): (URL name, cast member).
READ_REDIRECTS = {
    # The reset link trades its token for a session and redirects to the set-password form.
    *(("password_reset_confirm", member) for member in CAST),
}


# --- Routes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    methods: frozenset[str]  # lower-case methods the view handles
    is_api: bool


def _accepted_methods(callback: Any) -> frozenset[str]:
    actions = getattr(callback, "actions", None)  # a DRF viewset bound by the router
    if actions:
        return frozenset(actions)
    view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if view_class is None:  # a function view: it answers every method itself
        return frozenset(METHODS)
    allowed = getattr(view_class, "http_method_names", METHODS)
    return frozenset(m for m in METHODS if m in allowed and hasattr(view_class, m))


def every_route() -> Iterator[Route]:
    """Each route the resolver lists outside the admin, named ``namespace:name``."""

    def walk(patterns: list[Any], prefix: str, namespace: str) -> Iterator[Route]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or ""
                ns = f"{namespace}:{inner}".strip(":") if inner else namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            elif isinstance(pattern, URLPattern):
                full = prefix + str(pattern.pattern)
                name = pattern.name or ""
                if name and namespace:
                    name = f"{namespace}:{name}"
                yield Route(
                    name=name or full,
                    pattern=full,
                    methods=_accepted_methods(pattern.callback),
                    is_api=full.startswith("api/"),
                )

    for route in walk(get_resolver().url_patterns, "", ""):
        if not route.pattern.startswith("admin/"):
            yield route


ROUTES = sorted(every_route(), key=lambda r: r.name)


def test_every_route_is_classified():
    """A new route fails here until it is given an access class (and sample parameters)."""
    problems = []
    for route in ROUTES:
        if route.name not in ACCESS:
            problems.append(
                f"Route {route.name!r} (/{route.pattern}, methods {sorted(route.methods)}) is "
                f'not classified: add `{route.name!r}: "<class>",` to ACCESS in '
                f"tests/careerpath/test_authorization_sweep.py, with <class> one of "
                f"{sorted(CLASSES)} (or a new AccessClass in CLASSES saying who may read and "
                f"write it). If it lists, searches, exports or shows the history of candidates, "
                f"also add it to SHOWS_THE_CANDIDATE (and to QUERIES, the query that finds the "
                f"opening's candidate), so the leak check has a control."
            )
        takes_parameters = "<" in route.pattern or "(?P" in route.pattern
        if takes_parameters and route.name not in SAMPLE_KWARGS:
            problems.append(
                f"Route {route.name!r} (/{route.pattern}) takes URL parameters: add "
                f"`{route.name!r}: lambda w: {{...}}` to SAMPLE_KWARGS, naming an object of "
                f"the `world` fixture (add one if it needs a new kind)."
            )
    stale = set(ACCESS) - {route.name for route in ROUTES}
    problems += [f"ACCESS names {name!r}, which no route has any more." for name in stale]
    assert not problems, "\n".join(problems)


# --- Requests -------------------------------------------------------------------------------


def client_for(member: str, user: Any, *, api: bool) -> Client:
    client = APIClient() if api else Client()
    if user is not None:
        if api:
            client.force_authenticate(user)
        else:
            client.force_login(user)
    return client


def send(client: Client, method: str, url: str, *, api: bool) -> Any:
    if method == "get":
        return client.get(url)
    if api:
        return getattr(client, method)(url, {}, format="json")
    if method == "post":
        return client.post(url, {})
    return getattr(client, method)(url)


def body_text(response: Any) -> str:
    """Everything a person could read in a response: HTML, JSON, CSV, or the text inside an
    Excel workbook or a PDF."""
    if getattr(response, "streaming", False):
        raw = b"".join(response.streaming_content)
    else:
        raw = response.content
    if raw[:4] == b"PK\x03\x04":  # xlsx: zipped XML
        with zipfile.ZipFile(io.BytesIO(raw)) as book:
            return "".join(book.read(n).decode("utf-8", "replace") for n in book.namelist())
    if raw[:5] == b"%PDF-":
        from pypdf import PdfReader

        return "".join(page.extract_text() for page in PdfReader(io.BytesIO(raw)).pages)
    return raw.decode("utf-8", "replace")


def leaked(text: str, member: str = "outsider") -> list[str]:
    """What ``text`` shows that ``member`` may not see: the opening's candidate (to all but its
    team and HR), the other opening's candidate (to all but its team — the outsider — and HR)."""
    hidden = {
        "anonymous": SECRETS + OTHER_SECRETS,
        "viewer": SECRETS + OTHER_SECRETS,
        "outsider": SECRETS,
        "recruiter": OTHER_SECRETS,
        "hr": (),
    }[member]
    return [secret for secret in hidden if secret.lower() in text.lower()]


def is_login_redirect(response: Any) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("login") + "?")


def matches(response: Any, expected: Outcome, *, redirect_ok: bool) -> bool:
    status = response.status_code
    if status >= 500:
        return False
    if expected == LOGIN:
        return is_login_redirect(response)
    if expected == READ:
        return status == 200 or (redirect_ok and status == 302)
    if expected == OK:
        return status not in (401, 403, 404, 405) and not is_login_redirect(response)
    return status == expected


def outcome_for(route: Route, method: str, member: str) -> Outcome:
    exception = EXCEPTIONS.get((route.name, method, member))
    if exception is not None:
        return exception
    access_class = CLASSES[ACCESS[route.name]]
    return (access_class.read if method == "get" else access_class.write)[member]


@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
def test_route_answers_each_member_as_its_class_says(
    route: Route, world, cast, django_capture_on_commit_callbacks
):
    # Given a fresh world and the route's address for it
    if route.name not in ACCESS:
        pytest.fail(f"{route.name} is not classified (see test_every_route_is_classified)")
    kwargs = SAMPLE_KWARGS[route.name](world) if route.name in SAMPLE_KWARGS else {}
    url = reverse(route.name, kwargs=kwargs)
    query = QUERIES[route.name](world) if route.name in QUERIES else ""
    wrong: list[str] = []

    # When each member of the cast (the most privileged last: their writes may delete things)
    # sends every method
    for member in CAST:
        user = cast[member] if member != "anonymous" else None
        for method in METHODS:
            client = client_for(member, user, api=route.is_api)
            target = f"{url}?{query}" if query and method == "get" else url
            refused_write = method != "get" and outcome_for(route, method, member) not in (OK,)
            before = database_state() if refused_write else None
            # (background jobs a request starts run, so their files can be checked too)
            with django_capture_on_commit_callbacks(execute=True):
                response = send(client, method, target, api=route.is_api)
            status = response.status_code
            text = body_text(response)

            # Then: never a 500; the outcome the table says (a method the route does not take
            # is refused or a 405, never a success); a refusal changes nothing
            if method in route.methods:
                expected = outcome_for(route, method, member)
                redirect_ok = (route.name, member) in READ_REDIRECTS
                if not matches(response, expected, redirect_ok=redirect_ok):
                    wrong.append(
                        f"{member} {method.upper()} {target}: {status}, expected "
                        f"{expected} — {text[:150]!r}"
                    )
            elif status >= 500 or 200 <= status < 300:
                wrong.append(
                    f"{member} {method.upper()} {target} (a method the route does "
                    f"not take): {status}"
                )
            refused = status >= 400 or is_login_redirect(response)
            if before is not None and refused and database_state() != before:
                wrong.append(
                    f"{member} {method.upper()} {target}: refused ({status}) but "
                    "changed the database"
                )
            # and whoever is outside the opening reads nothing of its candidate, while the
            # recruiter on it does
            if (
                member == "recruiter"
                and method == "get"
                and route.name in SHOWS_THE_CANDIDATE
                and SECRET_NAME not in text
                and SECRET_EMAIL not in text
            ):
                wrong.append(
                    f"recruiter GET {target}: {status}, does not show the candidate "
                    "(so the leak check proves nothing here)"
                )
            if leaked(text, member):
                wrong.append(
                    f"{member} {method.upper()} {target}: the body shows {leaked(text, member)}"
                )
            wrong += follow_job(client, response, member)

    assert not wrong, "\n".join(wrong)


def follow_job(client: Client, response: Any, member: str) -> list[str]:
    """A write that started a background job (an Excel export, a report) redirects to the job's
    page: its page and file must not leak either."""
    if member == "hr" or response.status_code != 302:
        return []
    location = response["Location"]
    if not location.startswith("/jobs/"):
        return []
    problems = []
    for url in (location, f"{location}download/"):
        text = body_text(client.get(url))
        if leaked(text, member):
            problems.append(f"{member}: the job {url} shows {leaked(text, member)}")
    return problems


# --- The admin ------------------------------------------------------------------------------
# Staff only (the viewer is not staff: sign-in page); model pages by the groups' model
# permissions; object pages of recruiting data by the same selectors as everywhere (an outside
# recruiter gets 404 on the opening's candidate, its history too).

ADMIN_LOGIN = "admin-login"
FRAMEWORK_MODELS = {
    "skills.CompetencyCategory",
    "skills.Competency",
    "skills.LearningResource",
    "roles.Role",
    "roles.RoleRequirement",
    "roles.PromotionPath",
}
RECRUITING_MODELS = {
    "candidates.Candidate",
    "candidates.Assessment",
    "candidates.Opening",
    "candidates.FitSnapshot",
}
# Model lists each staff member of the cast may open; any other registered model is a 403.
ADMIN_LISTS = {
    "hr": FRAMEWORK_MODELS | RECRUITING_MODELS | {"candidates.ErasureRecord"},
    "recruiter": FRAMEWORK_MODELS | RECRUITING_MODELS,
    "outsider": FRAMEWORK_MODELS | RECRUITING_MODELS,
}
ON_OPENING_ADMIN = _by_cast(ADMIN_LOGIN, ADMIN_LOGIN, 404, READ, READ)
STAFF_READ = _by_cast(ADMIN_LOGIN, ADMIN_LOGIN, READ, READ, READ)
# What recruiters may never do (delete a candidate, add an opening): 403, whoever it is about.
HR_ONLY_ADMIN = _by_cast(ADMIN_LOGIN, ADMIN_LOGIN, 403, 403, READ)
# The admin's delete of a candidate leads HR to the erase page (an erasure needs its reason);
# a recruiter may not, and one outside the opening does not learn the candidate exists.
ERASE_PAGE = "erase-page"
CANDIDATE_DELETE_ADMIN = _by_cast(ADMIN_LOGIN, ADMIN_LOGIN, 404, 403, ERASE_PAGE)
# (URL name, the world's object ("": none), methods, expected)
ADMIN_OBJECT_PAGES: list[tuple[str, str, tuple[str, ...], dict[str, Outcome]]] = [
    ("admin:candidates_candidate_change", "candidate", ("get", "post"), ON_OPENING_ADMIN),
    ("admin:candidates_candidate_history", "candidate", ("get",), ON_OPENING_ADMIN),
    ("admin:candidates_candidate_delete", "candidate", ("get", "post"), CANDIDATE_DELETE_ADMIN),
    ("admin:candidates_opening_change", "opening", ("get", "post"), ON_OPENING_ADMIN),
    ("admin:candidates_opening_history", "opening", ("get",), ON_OPENING_ADMIN),
    ("admin:candidates_assessment_change", "assessment", ("get",), ON_OPENING_ADMIN),
    ("admin:candidates_fitsnapshot_change", "snapshot", ("get",), ON_OPENING_ADMIN),
    ("admin:roles_role_change", "role", ("get",), STAFF_READ),
    ("admin:roles_role_history", "role", ("get",), STAFF_READ),
    # Add forms: their choices (an assessment's candidate) are the user's reach too.
    ("admin:candidates_assessment_add", "", ("get",), STAFF_READ),
    ("admin:candidates_candidate_add", "", ("get",), STAFF_READ),
    ("admin:candidates_opening_add", "", ("get",), HR_ONLY_ADMIN),
]


def admin_matches(response: Any, expected: Outcome) -> bool:
    if expected == ERASE_PAGE:
        return response.status_code == 302 and response["Location"].endswith("/erase/")
    if expected == ADMIN_LOGIN:
        return response.status_code == 302 and response["Location"].startswith(
            reverse("admin:login") + "?"
        )
    # A POST of an empty change form is shown again with its errors (200).
    return matches(response, expected, redirect_ok=False)


def test_the_admin_is_staff_only_and_scoped_like_the_rest(world, cast):
    wrong: list[str] = []

    def check(member: str, method: str, url: str, expected: Outcome) -> None:
        user = cast[member] if member != "anonymous" else None
        client = client_for(member, user, api=False)
        before = database_state() if method != "get" else None
        response = client.get(url) if method == "get" else client.post(url, {})
        text = body_text(response)
        if not admin_matches(response, expected):
            wrong.append(
                f"{member} {method.upper()} {url}: {response.status_code}, expected {expected}"
            )
        if before is not None and response.status_code != 200 and database_state() != before:
            wrong.append(f"{member} POST {url}: refused but changed the database")
        if leaked(text, member):
            wrong.append(f"{member} {method.upper()} {url}: the body shows {leaked(text, member)}")

    # Given the admin index and every registered model's list (searched for the candidate
    # where the list has a search box)
    for member in CAST:
        staff = member not in ("anonymous", "viewer")
        check(member, "get", reverse("admin:index"), READ if staff else ADMIN_LOGIN)
        for model, model_admin in admin.site._registry.items():
            meta = model._meta
            url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
            if model_admin.search_fields:
                url += "?" + urlencode({"q": "Zebulon"})
            if not staff:
                expected: Outcome = ADMIN_LOGIN
            else:
                expected = READ if meta.label in ADMIN_LISTS[member] else 403
            check(member, "get", url, expected)
        # and the pages of the objects that matter
        for name, object_key, methods, by_member in ADMIN_OBJECT_PAGES:
            url = reverse(name, args=[world[object_key].pk] if object_key else [])
            for method in methods:
                check(member, method, url, by_member[member])

    assert not wrong, "\n".join(wrong)


def test_the_admin_lists_show_the_candidate_to_the_recruiter_on_the_opening(world, cast):
    """The control for the leak check above: the same searches do find the candidate."""
    client = client_for("recruiter", cast["recruiter"], api=False)
    for name in ("candidates_candidate_changelist", "candidates_assessment_changelist"):
        response = client.get(reverse(f"admin:{name}"), {"q": "Zebulon"})
        assert response.status_code == 200
        assert SECRET_NAME in body_text(response), name


# --- Filters, searches and exports ----------------------------------------------------------
# (description, method, URL, body, API?) — each asked by the recruiter on the opening (who
# must see the candidate: the control) and by the outside recruiter (who must not).
PROBES: list[tuple[str, str, Callable[[dict[str, Any]], str], dict[str, Any] | None, bool]] = [
    ("page search by name", "get", lambda w: "/candidates/?q=zebulon", None, False),
    ("page search and source", "get", lambda w: "/candidates/?q=Zeb&source=external", None, False),
    ("page CSV export of a search", "get", lambda w: "/candidates/export.csv?q=Zeb", None, False),
    (
        "page Excel export made in the background",
        "post",
        lambda w: "/candidates/export.xlsx",
        {"q": "Zebulon"},
        False,
    ),
    (
        "page comparison of the opening",
        "get",
        lambda w: f"/openings/{w['opening'].pk}/compare/",
        None,
        False,
    ),
    (
        "API search by email",
        "get",
        lambda w: "/api/v1/candidates/?search=zebulon.quillfeather",
        None,
        True,
    ),
    (
        "API filter by opening",
        "get",
        lambda w: f"/api/v1/candidates/?opening={w['opening'].pk}",
        None,
        True,
    ),
    (
        "API Excel export",
        "get",
        lambda w: "/api/v1/candidates/export/?format=xlsx&search=Zeb",
        None,
        True,
    ),
    (
        "API openings by role",
        "get",
        lambda w: f"/api/v1/openings/?role={w['role'].slug}",
        None,
        True,
    ),
    (
        "API assessments of a competency",
        "get",
        lambda w: f"/api/v1/assessments/?competency={w['competency'].slug}",
        None,
        True,
    ),
    (
        "API ranking of listed candidates",
        "get",
        lambda w: f"/api/v1/roles/{w['role'].slug}/ranking/?candidates={w['candidate'].pk}",
        None,
        True,
    ),
    (
        "API comparison of the opening",
        "post",
        lambda w: "/api/v1/comparisons/",
        {"opening": "<opening>"},
        True,
    ),
    (
        "API career route for the candidate",
        "get",
        lambda w: (
            f"/api/v1/career-route/?from={w['manager'].slug}&to={w['role'].slug}"
            f"&candidate={w['candidate'].pk}"
        ),
        None,
        True,
    ),
]

# Probes whose answer names the candidate only by id (no name or email in the body).
BY_ID_ONLY = {
    "API openings by role",
    "API assessments of a competency",
    "API career route for the candidate",
}


@pytest.mark.parametrize("probe", PROBES, ids=[p[0] for p in PROBES])
def test_filters_searches_and_exports_show_the_candidate_only_within_reach(
    probe, world, cast, django_capture_on_commit_callbacks
):
    description, method, url, body, api = probe
    if body and body.get("opening") == "<opening>":
        body = {"opening": world["opening"].pk}
    for member in ("recruiter", "outsider"):
        client = client_for(member, cast[member], api=api)
        with django_capture_on_commit_callbacks(execute=True):  # background jobs run
            if method == "get":
                response = client.get(url(world))
            elif api:
                response = client.post(url(world), body, format="json")
            else:
                response = client.post(url(world), body)
        assert response.status_code < 500, (member, response.status_code)
        text = body_text(response)
        if response.status_code == 302 and response["Location"].startswith("/jobs/"):
            download = client.get(f"{response['Location']}download/")
            assert download.status_code == 200, (member, "the job left no file")
            text += body_text(download)
        assert not leaked(text, member), (member, description, text[:300])
        if member == "outsider":
            if description in BY_ID_ONLY:
                assert f'"candidate":{world["candidate"].pk}' not in text.replace(" ", "")
        elif description not in BY_ID_ONLY:
            assert SECRET_NAME in text, (description, response.status_code, text[:300])
