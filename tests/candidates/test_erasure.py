"""Erasure on request (``candidates.erasure.candidate_erase``): the candidate and every row that
carries their personal data go, history included; an ``ErasureRecord`` with no personal data
stays; other candidates' stored scores stay current."""

from __future__ import annotations

import glob
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection

from candidates import erasure, selectors, services
from candidates.models import (
    Assessment,
    Candidate,
    CandidateRoleScore,
    ErasureRecord,
    FitSnapshot,
    Opening,
    OpeningScoreSummary,
)
from candidates.personal_data import AssessmentHistory, CandidateHistory, OpeningMembershipHistory
from careerpath.access import HR_GROUP
from jobs.models import Job
from jobs.services import job_create, job_fail, job_succeed
from tests import factories
from tests.conftest import require_service

# Strings only the erased candidate carries, in every place their data lives.
SECRETS = (
    "Zebulon",
    "Quillfeather",
    "zq.erase-me",
    "erase-me.example",
    "NOTE-ZQ",
    "EVIDENCE-ZQ",
)


def _scored_role():
    role = factories.RoleFactory(slug="privacy-role", title="Privacy role", level="manager")
    requirement = factories.RequirementFactory(role=role, required_level=4, weight=2)
    return role, requirement.competency


def _person_with_a_past(hr, opening, competency) -> Candidate:
    """A candidate with distinctive values, edited a few times (history holds old values), two
    assessments with evidence, on ``opening``; the opening is edited after they joined."""
    candidate = services.candidate_create(
        created_by=hr,
        name="Zebulon Quillfeather",
        email="zq.erase-me@erase-me.example",
        source="external",
        notes="NOTE-ZQ-1 first impression",
        openings=[opening],
    )
    services.assessment_create(
        candidate=candidate, competency=competency, level=2, assessor=hr, evidence="EVIDENCE-ZQ-a"
    )
    services.candidate_update(
        candidate=candidate,
        name="Zebulon Q. Quillfeather",
        email="zq.erase-me.2@erase-me.example",
        notes="NOTE-ZQ-2 second interview",
    )
    services.candidate_update(candidate=candidate, notes="NOTE-ZQ-3 offer discussed")
    services.assessment_create(
        candidate=candidate, competency=competency, level=4, assessor=hr, evidence="EVIDENCE-ZQ-b"
    )
    services.opening_update(opening=opening, title="Privacy opening (urgent)")
    LogEntry.objects.create(
        user=hr,
        content_type=ContentType.objects.get_for_model(Candidate),
        object_id=str(candidate.pk),
        object_repr=str(candidate),
        action_flag=CHANGE,
        change_message="Changed notes.",
    )
    return candidate


def _import_job(hr, candidate: Candidate | None, content: bytes) -> Job:
    job = job_create(
        kind=services.IMPORT_JOB_KIND, created_by=hr, file_name="people.csv", content=content
    )
    ids = [candidate.pk] if candidate else []
    links = (
        [{"label": f"{candidate.name} (added)", "url": f"/candidates/{candidate.pk}/"}]
        if candidate
        else []
    )
    return job_succeed(
        job_id=job.pk,
        result={"created_ids": ids, "updated_ids": [], "unchanged_ids": [], "links": links},
    )


def _export_job(hr, content: bytes, search: str = "") -> Job:
    job = job_create(
        kind=services.CANDIDATE_EXPORT_JOB, created_by=hr, params={"search": search, "source": ""}
    )
    summary = [{"label": "Candidates", "value": 1}]
    if search:
        summary.append({"label": "Name contains", "value": search})
    return job_succeed(
        job_id=job.pk,
        result={"summary": summary},
        file_name="candidates.xlsx",
        content=content,
    )


# --- The service --------------------------------------------------------------------------


@pytest.mark.django_db
def test_erasure_removes_the_candidate_and_their_history_and_leaves_a_record(
    hr_user, django_capture_on_commit_callbacks
):
    # Given a candidate with a past, on an opening with someone else
    role, competency = _scored_role()
    other = factories.CandidateFactory(name="Other Person")
    opening = services.opening_create(
        created_by=hr_user, title="Privacy opening", role=role, candidates=[other]
    )
    candidate = _person_with_a_past(hr_user, opening, competency)
    pk = candidate.pk
    history_before = CandidateHistory.objects.filter(id=pk).count()
    assert history_before == 3
    assert OpeningMembershipHistory.objects.filter(candidate_id=pk).count() >= 2

    # When HR erases them
    with django_capture_on_commit_callbacks(execute=True):
        record = erasure.candidate_erase(
            candidate=candidate, erased_by=hr_user, reason="Erasure request by email"
        )

    # Then nothing that names them is left
    assert not Candidate.objects.filter(pk=pk).exists()
    assert not Assessment.objects.filter(candidate_id=pk).exists()
    assert not CandidateRoleScore.objects.filter(candidate_id=pk).exists()
    assert not FitSnapshot.objects.filter(candidate_id=pk).exists()
    assert not Opening.candidates.through.objects.filter(candidate_id=pk).exists()
    assert not CandidateHistory.objects.filter(id=pk).exists()
    assert not AssessmentHistory.objects.filter(candidate_id=pk).exists()
    assert not OpeningMembershipHistory.objects.filter(candidate_id=pk).exists()
    assert not LogEntry.objects.filter(object_id=str(pk)).exists()
    # ...the rest is untouched
    assert list(opening.candidates.all()) == [other]
    assert Opening.history.filter(id=opening.pk).exists()
    # ...and the record says who, why and how much, and nothing about the person
    record.refresh_from_db()
    assert (record.candidate_id, record.erased_by, record.reason) == (
        pk,
        hr_user,
        "Erasure request by email",
    )
    assert record.removed == {
        "candidate": 1,
        "assessments": 2,
        "opening_memberships": 1,
        "scores": 1,
        "fit_snapshots": record.removed["fit_snapshots"],
        "candidate_history": 3,
        "assessment_history": 2,
        "opening_membership_history": record.removed["opening_membership_history"],
        "admin_log_entries": 1,
        "job_files": 0,
    }
    assert record.removed["fit_snapshots"] >= 1
    assert record.removed["opening_membership_history"] >= 2
    stored = " ".join(str(value) for value in ErasureRecord.objects.values().get().values())
    assert not any(secret.lower() in stored.lower() for secret in SECRETS)


@pytest.mark.django_db
def test_an_erasure_that_fails_half_way_changes_nothing(
    hr_user, monkeypatch, django_capture_on_commit_callbacks
):
    # Given a candidate with history, assessments and an import file naming them
    role, competency = _scored_role()
    opening = services.opening_create(created_by=hr_user, title="Privacy opening", role=role)
    candidate = _person_with_a_past(hr_user, opening, competency)
    job = _import_job(hr_user, candidate, b"name,email\nZebulon,zq.erase-me@erase-me.example\n")
    path = Path(job.file.path)
    before = {
        "history": CandidateHistory.objects.filter(id=candidate.pk).count(),
        "assessment_history": AssessmentHistory.objects.filter(candidate_id=candidate.pk).count(),
        "log": LogEntry.objects.count(),
    }

    # When the erasure breaks after every delete (the last step before the record)
    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "scores_inputs_changed", broken)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        erasure.candidate_erase(candidate=candidate, erased_by=hr_user, reason="Request")

    # Then everything is as it was, the job's file included
    assert Candidate.objects.filter(pk=candidate.pk).exists()
    assert Assessment.objects.filter(candidate=candidate).count() == 2
    assert before == {
        "history": CandidateHistory.objects.filter(id=candidate.pk).count(),
        "assessment_history": AssessmentHistory.objects.filter(candidate_id=candidate.pk).count(),
        "log": LogEntry.objects.count(),
    }
    job.refresh_from_db()
    assert job.file and path.exists()
    assert not ErasureRecord.objects.exists()


@pytest.mark.django_db
def test_an_erasure_makes_its_openings_edit_forms_stale_and_leaves_other_openings(hr_user):
    # Given the candidate on one opening, and another opening without them
    candidate = factories.CandidateFactory()
    theirs = services.opening_create(
        created_by=hr_user, title="Theirs", role=factories.RoleFactory(), candidates=[candidate]
    )
    other = services.opening_create(created_by=hr_user, title="Other", role=theirs.role)

    # When they are erased
    erasure.candidate_erase(candidate=candidate, erased_by=hr_user, reason="Request")

    # Then their opening has a new version (its members changed), the other keeps its own
    assert Opening.objects.get(pk=theirs.pk).version == theirs.version + 1
    assert Opening.objects.get(pk=other.pk).version == other.version
    with pytest.raises(ValidationError, match="since you opened it"):
        services.opening_update(opening=theirs, title="Renamed", expected_version=theirs.version)


@pytest.mark.django_db
def test_the_other_candidates_stored_scores_stay_current(hr_user):
    # Given an opening whose pool has two scored candidates
    role, competency = _scored_role()
    stays = factories.CandidateFactory()
    goes = factories.CandidateFactory()
    opening = services.opening_create(
        created_by=hr_user, title="Pool", role=role, candidates=[stays, goes]
    )
    for candidate, level in ((stays, 3), (goes, 4)):
        services.assessment_create(
            candidate=candidate, competency=competency, level=level, assessor=hr_user
        )
    before = CandidateRoleScore.objects.get(candidate=stays, role=role)

    # When one of them is erased
    erasure.candidate_erase(candidate=goes, erased_by=hr_user, reason="Asked to be forgotten")

    # Then the pool holds only the other, with the same current score, and nothing is stale
    after = CandidateRoleScore.objects.get(role=role)
    assert after.candidate_id == stays.pk
    assert (after.fit_tenths, after.stale, after.input_version) == (
        before.fit_tenths,
        False,
        before.input_version,
    )
    assert services.scores_reconcile() == 0
    ranking = selectors.opening_scores(opening)
    assert [row.candidate_id for row in ranking] == [stays.pk]
    figures = selectors.opening_ranking_summary(opening)
    assert (figures.members, figures.updating) == (1, 0)
    summary = OpeningScoreSummary.objects.get(opening=opening)
    assert summary.current and (summary.members, summary.best_fit_tenths) == (
        1,
        before.fit_tenths,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", "This field cannot be blank."),
        ("   ", "This field cannot be blank."),
        ("Zebulon Quillfeather asked by phone", "without naming the candidate"),
        ("request from ZQ.ERASE-ME@erase-me.example", "without naming the candidate"),
        ("x" * 501, "at most 500 characters"),
    ],
)
def test_a_reason_that_is_empty_too_long_or_names_them_is_refused_and_nothing_changes(
    hr_user, reason, message
):
    candidate = factories.CandidateFactory(
        name="Zebulon Quillfeather", email="zq.erase-me@erase-me.example"
    )
    with pytest.raises(ValidationError) as raised:
        erasure.candidate_erase(candidate=candidate, erased_by=hr_user, reason=reason)
    assert any(message in text for text in raised.value.message_dict["reason"])
    assert Candidate.objects.filter(pk=candidate.pk).exists()
    assert CandidateHistory.objects.filter(id=candidate.pk).count() == 1
    assert not ErasureRecord.objects.exists()


@pytest.mark.django_db
def test_a_name_inside_another_word_of_the_reason_is_no_match(hr_user):
    candidate = factories.CandidateFactory(name="Ten")
    record = erasure.candidate_erase(candidate=candidate, erased_by=None, reason="retention")
    assert record.reason == "retention"


@pytest.mark.django_db
def test_erasing_a_candidate_already_erased_is_an_error_not_a_second_record(hr_user):
    candidate = factories.CandidateFactory()
    erasure.candidate_erase(candidate=candidate, erased_by=hr_user, reason="Request")
    with pytest.raises(ValidationError, match="no longer exists"):
        erasure.candidate_erase(candidate=candidate, erased_by=hr_user, reason="Request")
    assert ErasureRecord.objects.count() == 1


@pytest.mark.django_db
def test_job_files_that_may_name_them_are_removed_and_the_rest_kept(
    hr_user, settings, django_capture_on_commit_callbacks
):
    # Given an export made before the candidate existed, and an import that lists nobody of theirs
    old_export = _export_job(hr_user, b"Someone Else")
    unrelated_import = _import_job(hr_user, None, b"name,email,source\nA,a@example.com,external\n")
    candidate = factories.CandidateFactory(
        name="Zebulon Quillfeather", email="zq.erase-me@erase-me.example"
    )
    # ...and, after, the import that created them, a failed one listing their email, an export
    created_by_import = _import_job(hr_user, candidate, b"name,email\nZebulon,zq@x.example\n")
    failed_import = job_fail(
        job_id=job_create(
            kind=services.IMPORT_JOB_KIND,
            created_by=hr_user,
            file_name="people.csv",
            content=b"name,email,source\nZ Q,ZQ.Erase-Me@erase-me.example,bad\n",
        ).pk,
        message="The file has 1 problem; nothing was imported.",
    )
    new_export = _export_job(hr_user, b"Zebulon Quillfeather", search="quillFEATHER")
    paths = {job.pk: Path(job.file.path) for job in Job.objects.all()}
    assert all(path.exists() for path in paths.values())

    # When the candidate is erased
    with django_capture_on_commit_callbacks(execute=True):
        record = erasure.candidate_erase(candidate=candidate, erased_by=hr_user, reason="Request")

    # Then the files that may name them are gone, from the job and from storage
    assert record.removed["job_files"] == 3
    for job in (created_by_import, failed_import, new_export):
        job.refresh_from_db()
        assert not job.file
        assert job.message == erasure.FILE_REMOVED
        assert not paths[job.pk].exists()
    assert failed_import.state == Job.State.FAILED
    assert created_by_import.result["links"] == []
    assert new_export.params["search"] == ""
    assert new_export.result["summary"] == [{"label": "Candidates", "value": 1}]
    # ...and the others stay
    for job in (old_export, unrelated_import):
        job.refresh_from_db()
        assert job.file
        assert paths[job.pk].exists()


# --- Nothing left in the database ---------------------------------------------------------


def _pg_dump() -> str:
    found = shutil.which("pg_dump") or next(
        iter(sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"), reverse=True)), None
    )
    require_service(found is not None, "pg_dump is not installed")
    database = connection.settings_dict
    command = [found, "--no-owner", "--dbname", str(database["NAME"])]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            command += [flag, str(database[key])]
    env = {"PGPASSWORD": str(database.get("PASSWORD") or "")}
    result = subprocess.run(  # noqa: S603 — the server's own pg_dump, arguments from settings
        command, capture_output=True, text=True, check=True, env=env, timeout=120
    )
    return result.stdout


def _every_row_as_text() -> str:
    """Every row of every table, through SQL (SQLite has no dump tool to ask)."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            parts.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(parts)


@pytest.mark.django_db(transaction=True)
def test_no_trace_of_an_erased_candidate_is_left_in_the_database(settings):
    # Given a candidate with distinctive values, edited (history holds the old ones), assessed,
    # on an opening with someone else, named in an import job, committed for real
    hr = factories.UserFactory(username="privacy-hr", group=HR_GROUP)
    role, competency = _scored_role()
    other = factories.CandidateFactory(name="Other Person", email="other.person@example.com")
    opening = services.opening_create(
        created_by=hr, title="Privacy opening", role=role, hiring_team=[hr], candidates=[other]
    )
    candidate = _person_with_a_past(hr, opening, competency)
    _import_job(hr, candidate, b"name,email\nZebulon,zq.erase-me@erase-me.example\n")
    _export_job(hr, b"Zebulon Quillfeather", search="Quillfeather")
    dump = _pg_dump if connection.vendor == "postgresql" else _every_row_as_text
    before = dump().lower()
    assert all(secret.lower() in before for secret in SECRETS)  # the check can see them

    # When HR erases the candidate
    erasure.candidate_erase(candidate=candidate, erased_by=hr, reason="Erasure request")

    # Then no table holds any of their values, old or new, while the rest is still there
    after = dump().lower()
    assert [secret for secret in SECRETS if secret.lower() in after] == []
    assert "other person" in after
    assert "privacy opening (urgent)" in after
    assert "erasure request" in after
    # ...and no stored file either
    media = Path(settings.MEDIA_ROOT)
    files = [path.read_bytes().lower() for path in media.rglob("*") if path.is_file()]
    assert not any(secret.lower().encode() in data for data in files for secret in SECRETS)
