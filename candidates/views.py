"""Pages for recruiting: openings with their ranked candidates, candidate pages (assessments,
fit, development plan, career route), side-by-side comparisons with CSV and Excel downloads and
a PDF report made in the background, the candidate list and its exports, and the forms that add
and edit candidates and openings.

Access: HR and recruiters only (viewers get 403); opening a new vacancy is HR's. Every candidate
and opening is loaded through ``candidates.selectors`` (``*_for_user``, ``*_list``,
``*_choices``), so a recruiter outside an opening gets 404 and is never offered what they may
not see.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import fields
from functools import cached_property
from typing import Any
from urllib.parse import parse_qsl

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views import View
from django.views.generic import TemplateView

from candidates import erasure, exports, imports, personal_data, selectors, services, succession
from candidates.downloads import file_download
from candidates.email_reveals import TOO_MANY, CandidateEmailThrottle, reveals_existing_email
from candidates.forms import (
    AssessmentForm,
    CandidateCompareForm,
    CandidateEraseForm,
    CandidateFilterForm,
    CandidateForm,
    CandidateImportForm,
    OpeningForm,
    ScorecardForm,
    TargetRoleForm,
)
from candidates.models import Candidate, Opening
from candidates.radar import radar_chart
from candidates.scoring import RoleNotScorable, role_not_scorable
from careerpath import access
from careerpath.pages import (
    FilteredListMixin,
    PermissionPageMixin,
    ServiceFormMixin,
    add_service_errors,
    is_object_id,
    page_of,
)
from careerpath.paging import CountedRows
from roles.models import Role
from roles.views import CareerMapView


class CandidateWorkMixin(PermissionPageMixin):
    def has_access(self, user: Any) -> bool:
        return access.can_work_with_candidates(user)


class CandidateCareerMapView(CareerMapView):
    """The career map, whose route finder also shows a candidate's gaps at each step to those
    who work with candidates (the candidates offered are the ones the user may see)."""

    def route_candidates(self) -> QuerySet[Candidate] | None:
        user = self.request.user
        return selectors.candidate_list(user) if access.can_work_with_candidates(user) else None

    def find_route(self, *, start: Role | None, target: Role, candidate: Any) -> Any:
        return selectors.candidate_career_route(start=start, target=target, candidate=candidate)


# --- Openings -------------------------------------------------------------------------------


class OpeningListView(CandidateWorkMixin, TemplateView):
    template_name = "candidates/opening_list.html"
    nav_section = "openings"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        openings = selectors.opening_list(self.request.user)  # open ones first
        pages = page_of(self.request, openings.prefetch_related("hiring_team"))
        openings = list(pages["page_obj"])
        context.update(
            pages,
            open_openings=[o for o in openings if o.status == Opening.Status.OPEN],
            closed_openings=[o for o in openings if o.status != Opening.Status.OPEN],
        )
        return context


class OpeningDetailView(CandidateWorkMixin, TemplateView):
    """The opening's candidates ranked from their stored scores, a page at a time."""

    template_name = "candidates/opening_detail.html"
    nav_section = "openings"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        opening = selectors.opening_for_user(self.request.user, self.kwargs["pk"])
        scores = selectors.opening_scores(opening)
        summary = selectors.opening_ranking_summary(opening)
        member_count = summary.members
        # Every member has a score row (a not-yet-scored one at worst), so the member count is
        # the ranking's length without a second count over the scores.
        pages = page_of(self.request, CountedRows(scores, member_count))
        ranking, not_scorable = [], None
        if not opening.role.requirements.exists():
            not_scorable = role_not_scorable(opening.role.title).messages[0]
        else:
            page = pages["page_obj"]
            ranking = selectors.ranking_entries(
                opening.role, list(page), first_rank=page.start_index()
            )
        context.update(
            pages,
            opening=opening,
            ranking=ranking,
            summary=summary,
            member_count=member_count,
            updating=summary.updating,
            shortlist_size=min(selectors.DEFAULT_SHORTLIST, member_count),
            not_scorable=not_scorable,
            hiring_team=list(opening.hiring_team.all()),
        )
        return context


class OpeningEditView(CandidateWorkMixin, ServiceFormMixin, TemplateView):
    """Open a vacancy (HR) or edit one (whoever may see it: HR and its hiring team)."""

    template_name = "candidates/opening_form.html"
    nav_section = "openings"
    object_name = "opening"
    noun = "Opening"

    def has_access(self, user: Any) -> bool:
        if "pk" not in self.kwargs:
            return access.is_hr(user)
        return super().has_access(user)

    def get_object(self) -> Opening | None:
        if "pk" not in self.kwargs:
            return None
        return selectors.opening_for_user(self.request.user, self.kwargs["pk"])

    def build_form(self, obj: Opening | None, data: Any = None) -> OpeningForm:
        return OpeningForm(
            data,
            initial=OpeningForm.initial_for(obj) if obj is not None else {},
            team=selectors.hiring_team_choices(),
            candidates=selectors.candidate_list(self.request.user),
        )

    def save(self, form: OpeningForm, obj: Opening | None) -> Opening:
        if obj is None:
            return services.opening_create(created_by=self.request.user, **form.cleaned_data)
        return services.opening_update(
            opening=obj, expected_version=self.expected_version, **form.cleaned_data
        )

    def success_url(self, saved: Opening) -> str:
        if selectors.openings_visible_to(self.request.user).filter(pk=saved.pk).exists():
            return reverse("candidates:opening-detail", args=[saved.pk])
        # A recruiter who took themselves off the team can no longer see the opening.
        messages.info(self.request, "You are no longer on its hiring team.")
        return reverse("candidates:opening-list")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        opening = kwargs.get("opening")
        # Members who are no longer HR or recruiters are not offered, so saving drops them.
        context["leaving_members"] = (
            list(
                opening.hiring_team.exclude(
                    pk__in=selectors.hiring_team_eligible_users().values("pk")
                )
            )
            if opening is not None
            else []
        )
        return context


# --- Comparison -----------------------------------------------------------------------------


COMPARISON_FILES = {
    "csv": (exports.comparison_csv, exports.CSV_CONTENT_TYPE),
    "xlsx": (exports.comparison_xlsx, exports.XLSX_CONTENT_TYPE),
}


class ComparisonPageMixin(CandidateWorkMixin):
    """Renders a comparison as the page, or as a file when the URL sets ``export`` ("csv",
    "xlsx")."""

    template_name = "candidates/compare.html"
    nav_section = "compare"
    export = ""

    def comparison_context(
        self,
        role: Role,
        compare: Callable[[], selectors.Comparison],
        file_url: Callable[[str], str],
        file_stem: str,
    ) -> dict[str, Any] | HttpResponseBase:
        try:
            comparison = compare()
        except RoleNotScorable as error:
            if self.export:
                return HttpResponse(error.messages[0], status=409, content_type="text/plain")
            return {"role": role, "not_scorable": error.messages[0]}
        if self.export:
            make, content_type = COMPARISON_FILES[self.export]
            return file_download(make(comparison), content_type, f"{file_stem}.{self.export}")
        return {
            "role": comparison.role,
            "comparison": comparison,
            "radar": radar_chart(comparison),
            "time_to_ready": succession.comparison_readiness(comparison),
            "csv_url": file_url("csv"),
            "xlsx_url": file_url("xlsx"),
        }


def asked_top(data: Any) -> int | None:
    """``top=N`` (a whole number above 0) on the compare page, its file links and the report
    form: compare the first N of the ranking, at most ``MAX_SHORTLIST``. Anything else: the
    default shortlist (None)."""
    asked = str(data.get("top", ""))
    if asked.isascii() and asked.isdigit() and asked.strip("0"):
        return min(int(asked[:6]), selectors.MAX_SHORTLIST)
    return None


class OpeningCompareView(ComparisonPageMixin, TemplateView):
    """The opening's shortlist side by side: its top ``?top=N`` candidates by the stored
    ranking (10 unless asked, at most ``MAX_SHORTLIST``)."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        opening = selectors.opening_for_user(request.user, self.kwargs["pk"])
        top = asked_top(request.GET)
        suffix = f"?top={top}" if top is not None else ""
        result = self.comparison_context(
            opening.role,
            lambda: selectors.opening_comparison(opening, top=top),
            lambda kind: reverse(f"candidates:opening-compare-{kind}", args=[opening.pk]) + suffix,
            f"opening-{opening.pk}-comparison",
        )
        if isinstance(result, HttpResponseBase):
            return result
        member_count = opening.candidates.count()
        context = self.get_context_data(
            opening=opening,
            top=top,
            member_count=member_count,
            truncated=member_count > len(result["comparison"].ranking)
            if "comparison" in result
            else False,
            max_shortlist=selectors.MAX_SHORTLIST,
            **result,
        )
        return self.render_to_response(context)


class OpeningReportView(CandidateWorkMixin, View):
    """POST: start making the opening's PDF report (of the compare page's ``top``) in the
    background, then follow it on the job's page, where it downloads when ready. (The task
    checks access again when it runs.)"""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        opening = selectors.opening_for_user(request.user, self.kwargs["pk"])
        job = services.opening_report_request(
            opening=opening, user=request.user, top=asked_top(request.POST)
        )
        return HttpResponseRedirect(reverse("jobs:detail", args=[job.pk]))


class CandidateCompareView(ComparisonPageMixin, TemplateView):
    """A role plus candidates chosen by the user: ``?role=<slug>&candidates=<id>&...``."""

    # The picker offers this many candidates (plus the chosen ones); the rest are chosen on an
    # opening's ranking, where they can be found by rank.
    PICKER_SIZE = 100

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        visible = selectors.candidate_list(request.user)
        form = CandidateCompareForm(request.GET or None, candidates=visible)
        extra: dict[str, Any] = {}
        if form.is_bound and form.is_valid():
            role = Role.objects.get(slug=form.cleaned_data["role"])
            candidates = list(form.cleaned_data["candidates"])
            query = urlencode(
                {"role": role.slug, "candidates": [c.pk for c in candidates]}, doseq=True
            )
            result = self.comparison_context(
                role,
                lambda: selectors.compare_candidates(role, candidates),
                lambda kind: reverse(f"candidates:compare-{kind}") + "?" + query,
                f"{role.slug}-comparison",
            )
            if isinstance(result, HttpResponseBase):
                return result
            extra = result
        elif self.export:
            return HttpResponse(
                "Choose a role and candidates.", status=400, content_type="text/plain"
            )
        # Validated against every visible candidate; rendered with a bounded list (the chosen
        # ones and the first PICKER_SIZE by name), so the page stays small at any volume.
        chosen = [value for value in request.GET.getlist("candidates") if is_object_id(value)]
        offered = list(
            visible.order_by("name", "id").values_list("pk", flat=True)[: self.PICKER_SIZE]
        )
        form.fields["candidates"].queryset = visible.filter(pk__in=[*offered, *chosen]).order_by(
            "name", "id"
        )
        openings = list(selectors.opening_list(request.user).filter(status=Opening.Status.OPEN))
        context = self.get_context_data(
            form=form,
            openings=openings,
            visible_count=visible.count(),
            picker_size=self.PICKER_SIZE,
            **extra,
        )
        return self.render_to_response(context, status=400 if form.errors else 200)


# --- Candidates -----------------------------------------------------------------------------


class CandidateListView(CandidateWorkMixin, FilteredListMixin, TemplateView):
    template_name = "candidates/candidate_list.html"
    nav_section = "candidates"
    filter_form_class = CandidateFilterForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = self.filters()
        filters = form.search_filters()
        candidates = selectors.candidate_search(self.request.user, **filters)
        pages = page_of(self.request, candidates)
        # Counted for the page's rows only: a join over every assessment made the count and
        # the page cost as much as the whole table.
        rows = selectors.with_assessment_counts(list(pages["page_obj"]))
        export_query = filter_query(filters, form)
        context.update(
            pages,
            csv_export_url=_with_query(reverse("candidates:candidate-export-csv"), export_query),
            xlsx_export_url=_with_query(reverse("candidates:candidate-export-xlsx"), export_query),
            xlsx_as_job=pages["page_obj"].paginator.count > services.CANDIDATE_XLSX_INLINE_LIMIT,
            export_fields=parse_qsl(export_query),
            filter_form=form,
            candidates=rows,
            search=filters["search"],
            source=filters["source"],
            sources=Candidate.Source.choices,
            current_role=form.cleaned_data.get("current_role", ""),
            role_choices=form.fields["current_role"].choices,
            skill_rows=form.skill_rows(),
            competency_choices=form.fields["competency"].choices,
            level_choices=form.fields["min_level"].choices,
            filtered=any(filters.values()),
        )
        return context


def filter_query(filters: dict[str, Any], form: CandidateFilterForm) -> str:
    """The valid filters as the list's query string (for its export links and buttons)."""
    slugs = {pk: slug for slug, pk in form.competency_ids.items()}
    roles = {pk: slug for slug, pk in form.role_ids.items()}
    pairs = [("q", filters["search"]), ("source", filters["source"])]
    if filters["current_role_id"] is not None:
        pairs.append(("current_role", roles[filters["current_role_id"]]))
    for condition in filters["skills"]:
        pairs += [
            ("competency", slugs[condition.competency_id]),
            ("min_level", str(condition.min_level)),
        ]
    return urlencode([(k, v) for k, v in pairs if v])


def _with_query(url: str, query: str) -> str:
    return f"{url}?{query}" if query else url


class CandidateExportView(CandidateWorkMixin, View):
    """The candidate list as a file, with the list page's filters (``?q=&source=``) and only
    the candidates the user may see. CSV streams row by row at any size. Excel is made in the
    request up to ``services.CANDIDATE_XLSX_INLINE_LIMIT`` rows; a POST (the list's button when
    there are more) makes it in a background job and opens the job's page."""

    export = "csv"

    def filters(self, data: Any) -> dict[str, Any] | HttpResponse:
        form = CandidateFilterForm(data)
        if not form.is_valid():
            problems = "; ".join(
                f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()
            )
            return HttpResponse(problems, status=400, content_type="text/plain; charset=utf-8")
        return form.search_filters()

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        filters = self.filters(request.GET)
        if isinstance(filters, HttpResponse):
            return filters
        candidates = selectors.candidate_search(request.user, **filters)
        filename = f"candidates-{timezone.localdate():%Y-%m-%d}.{self.export}"
        if self.export == "csv":
            return file_download(
                exports.candidate_csv_lines(candidates), exports.CSV_CONTENT_TYPE, filename
            )
        limit = services.CANDIDATE_XLSX_INLINE_LIMIT
        if candidates.count() > limit:
            messages.info(
                request,
                f"More than {limit:,} candidates: use “Prepare Excel file”, which makes the file "
                "in the background.",
            )
            query = request.GET.urlencode()
            return HttpResponseRedirect(_with_query(reverse("candidates:candidate-list"), query))
        return file_download(
            exports.candidate_xlsx(candidates), exports.XLSX_CONTENT_TYPE, filename
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.export != "xlsx":
            return HttpResponseNotAllowed(["GET"])
        filters = self.filters(request.POST)
        if isinstance(filters, HttpResponse):
            return filters
        job = services.candidate_export_request(user=request.user, **filters)
        return HttpResponseRedirect(reverse("jobs:detail", args=[job.pk]))


class CandidateEditView(CandidateWorkMixin, ServiceFormMixin, TemplateView):
    """Add a candidate (HR and recruiters; the creator is recorded, so a recruiter then sees
    them), optionally onto openings the user may see (``?opening=<id>`` ticks one); or edit a
    candidate the user may see."""

    template_name = "candidates/candidate_form.html"
    nav_section = "candidates"
    object_name = "candidate"
    noun = "Candidate"

    def get_object(self) -> Candidate | None:
        if "pk" not in self.kwargs:
            return None
        return selectors.candidate_for_user(self.request.user, self.kwargs["pk"])

    def build_form(self, obj: Candidate | None, data: Any = None) -> CandidateForm:
        if obj is not None:
            return CandidateForm(data, initial=CandidateForm.initial_for(obj))
        return CandidateForm(
            data,
            initial={"openings": self.request.GET.getlist("opening")},
            openings=selectors.opening_choices(self.request.user),
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # The API's limit on "this email is taken" answers (candidates.email_reveals): once
        # spent, every save is refused alike, so the refusal says nothing about the email.
        throttle = CandidateEmailThrottle()
        if throttle.allow_request(request, self):
            return super().post(request, *args, **kwargs)
        obj = self.get_object()
        form = self.versioned_form(obj, self.build_form(obj, request.POST))
        form.is_valid()
        form.add_error(None, TOO_MANY.format(wait=throttle.retry_after()))
        response = self.render_form(obj, form, status=429)
        response["Retry-After"] = str(throttle.retry_after())
        return response

    def save(self, form: CandidateForm, obj: Candidate | None) -> Candidate:
        try:
            if obj is None:
                return services.candidate_create(created_by=self.request.user, **form.cleaned_data)
            return services.candidate_update(
                candidate=obj, expected_version=self.expected_version, **form.cleaned_data
            )
        except ValidationError as error:
            if reveals_existing_email(error):
                CandidateEmailThrottle().record(self.request)
            raise

    def success_url(self, saved: Candidate) -> str:
        return reverse("candidates:candidate-detail", args=[saved.pk])


class CandidateDetailView(CandidateWorkMixin, TemplateView):
    """The candidate's profile, fit for their openings' roles, assessment history with an
    "add assessment" form, and — toward a target role — development plan and career route."""

    template_name = "candidates/candidate_detail.html"
    nav_section = "candidates"

    @cached_property
    def asked_target(self) -> TargetRoleForm:
        """``?role=<slug>``: a slug naming no role is an error beside the target select."""
        form = TargetRoleForm(self.request.GET if "role" in self.request.GET else None)
        form.is_valid()
        return form

    def target_slug(self) -> str | None:
        form = self.asked_target
        return form.cleaned_data.get("role") if form.is_bound else None

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        candidate = selectors.candidate_for_user(request.user, self.kwargs["pk"])
        context = self.build_context(candidate, AssessmentForm())
        status = 400 if context["target_form"].errors else 200
        return self.render_to_response(context, status=status)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        candidate = selectors.candidate_for_user(request.user, self.kwargs["pk"])
        form = AssessmentForm(request.POST)
        if form.is_valid():
            openings = selectors.candidate_openings(request.user, candidate)
            target = selectors.profile_target(openings, self.target_slug())
            before = selectors.fit_or_none(candidate, target)
            competency = form.chosen_competency()
            try:
                services.assessment_create(
                    candidate=candidate,
                    competency=competency,
                    level=form.cleaned_data["level"],
                    evidence=form.cleaned_data["evidence"],
                    assessed_at=form.cleaned_data["assessed_at"],
                    assessor=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                after = selectors.fit_or_none(candidate, target)
                message = (
                    f"Assessment added: {competency.name} at level {form.cleaned_data['level']}."
                )
                if target is not None and before is not None and after is not None:
                    message += f" Fit for {target.title}: {before.fit}% → {after.fit}%."
                messages.success(request, message)
                url = reverse("candidates:candidate-detail", args=[candidate.pk])
                if request.GET.get("role"):
                    url += "?" + urlencode({"role": request.GET["role"]})
                return HttpResponseRedirect(url + "#fit")
        return self.render_to_response(self.build_context(candidate, form), status=400)

    def build_context(self, candidate: Candidate, form: AssessmentForm) -> dict[str, Any]:
        profile = selectors.candidate_profile(
            self.request.user, candidate, target_slug=self.target_slug()
        )
        target = profile.target
        target_form = self.asked_target
        if not target_form.errors:  # show the target in use (a default one too)
            target_form = TargetRoleForm(initial={"role": target.slug if target else ""})
        return self.get_context_data(
            **{item.name: getattr(profile, item.name) for item in fields(profile)},
            target_form=target_form,
            form=form,
            role_query=urlencode({"role": target.slug}) if target else "",
            scorecard_roles=selectors.scorecard_roles(candidate, profile.openings),
        )


# --- Bulk import ----------------------------------------------------------------------------


class CandidateImportView(CandidateWorkMixin, TemplateView):
    """Upload a CSV or XLSX of candidates and their assessments; the import runs as a job and
    the page sends you to follow it. The column layout and a template per role are here too."""

    template_name = "candidates/candidate_import.html"
    nav_section = "candidates"

    def build_form(self, data: Any = None, files: Any = None) -> CandidateImportForm:
        return CandidateImportForm(
            data, files, openings=selectors.opening_choices(self.request.user)
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.build_form())
        context.update(
            roles=Role.objects.order_by("rank", "title"),
            columns=imports.COLUMN_DOCUMENTATION,
            max_rows=settings.IMPORT_MAX_ROWS,
            max_megabytes=settings.IMPORT_MAX_BYTES // 1_048_576,
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.build_form(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                job = services.candidate_import_start(
                    user=request.user,  # type: ignore[arg-type]
                    file_name=upload.name or "",
                    content=imports.read_upload(upload),
                    opening=form.cleaned_data["opening"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return HttpResponseRedirect(reverse("jobs:detail", args=[job.pk]))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ImportTemplateView(CandidateWorkMixin, View):
    """The import template for one role: its header row (CSV), or a workbook whose second sheet
    names each competency and the level the role requires (XLSX)."""

    def get(self, request: HttpRequest, slug: str, extension: str) -> HttpResponse:
        role = Role.objects.filter(slug=slug).first()
        if role is None:
            raise Http404("No such role.")
        if extension == imports.FORMAT_CSV:
            content, content_type = imports.template_csv(role), "text/csv; charset=utf-8"
        else:
            content = imports.template_xlsx(role)
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="candidates-{role.slug}.{extension}"'
        )
        return response


# --- Data protection ------------------------------------------------------------------------


class CandidatePersonalDataView(CandidateWorkMixin, View):
    """Everything stored about one candidate as a JSON download (a subject access request).

    HR only. A recruiter who can see the candidate gets 403: answering an access request is
    the data controller's job, and the file holds the whole history — other recruiters' edits
    and assessments on openings this recruiter is not on. Anyone who cannot see the candidate
    gets 404, as everywhere."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        candidate = selectors.candidate_for_user(request.user, self.kwargs["pk"])
        if not access.is_hr(request.user):
            raise PermissionDenied("Only HR may export a candidate's personal data.")
        document = personal_data.candidate_personal_data(candidate)
        content = json.dumps(document, ensure_ascii=False, indent=2).encode()
        return file_download(
            content,
            "application/json",
            f"candidate-{candidate.pk}-personal-data-{timezone.localdate():%Y-%m-%d}.json",
        )


class HrOnlyMixin(PermissionPageMixin):
    def has_access(self, user: Any) -> bool:
        return access.is_hr(user)


class CandidateEraseView(HrOnlyMixin, TemplateView):
    """Erase a candidate on request (HR): a confirmation with the reason, then
    ``erasure.candidate_erase``. The admin's delete comes here too."""

    template_name = "candidates/candidate_erase.html"
    nav_section = "candidates"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        candidate = selectors.candidate_for_user(request.user, self.kwargs["pk"])
        return self.render_to_response(
            self.get_context_data(candidate=candidate, form=CandidateEraseForm())
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        candidate = selectors.candidate_for_user(request.user, self.kwargs["pk"])
        form = CandidateEraseForm(request.POST)
        if form.is_valid():
            try:
                record = erasure.candidate_erase(
                    candidate=candidate,
                    erased_by=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, f"Candidate #{record.candidate_id} and their history were erased."
                )
                return HttpResponseRedirect(reverse("candidates:erasure-list"))
        context = self.get_context_data(candidate=candidate, form=form)
        return self.render_to_response(context, status=400)


class ErasureListView(HrOnlyMixin, TemplateView):
    """What remains of erased candidates: the erasure records (HR; read-only)."""

    template_name = "candidates/erasure_list.html"
    nav_section = "candidates"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(page_of(self.request, personal_data.erasure_records()))
        return context


class CandidateScorecardView(CandidateWorkMixin, TemplateView):
    """Score a candidate against every requirement of a role in one form (``?role=<slug>``):
    saved as one batch of assessments through ``services.assessment_batch_create`` — all rows
    or none, one rescoring. Without a role, the page offers the roles to choose from."""

    template_name = "candidates/scorecard.html"
    nav_section = "candidates"

    @cached_property
    def candidate(self) -> Candidate:
        return selectors.candidate_for_user(self.request.user, self.kwargs["pk"])

    @cached_property
    def role_form(self) -> TargetRoleForm:
        form = TargetRoleForm(self.request.GET if "role" in self.request.GET else None)
        form.is_valid()
        return form

    def scorecard(self) -> tuple[selectors.Scorecard | None, str]:
        """The scorecard for the chosen role, or None with why not ("" when none is chosen)."""
        slug = self.role_form.cleaned_data.get("role") if self.role_form.is_bound else None
        if not slug:
            return None, ""
        try:
            return selectors.candidate_scorecard(self.candidate, slug), ""
        except RoleNotScorable as error:
            return None, error.messages[0]

    def page(self, form: ScorecardForm | None, status: int = 200) -> HttpResponse:
        openings = selectors.candidate_openings(self.request.user, self.candidate)
        context = self.get_context_data(
            candidate=self.candidate,
            role_form=self.role_form,
            form=form,
            scorecard=form.scorecard if form else None,
            considered_roles=selectors.scorecard_roles(self.candidate, openings),
            not_scorable=self.scorecard()[1],
        )
        return self.render_to_response(context, status=status)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        scorecard, _reason = self.scorecard()
        form = ScorecardForm(scorecard=scorecard) if scorecard else None
        return self.page(form, status=400 if self.role_form.errors else 200)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        scorecard, _reason = self.scorecard()
        if scorecard is None:
            return self.page(None, status=400)
        form = ScorecardForm(request.POST, scorecard=scorecard)
        if form.is_valid():
            entries = form.entries()
            try:
                services.assessment_batch_create(
                    candidate=self.candidate,
                    entries=entries,
                    assessor=request.user,
                    assessed_at=form.cleaned_data["assessed_at"],
                )
            except ValidationError as error:
                add_scorecard_errors(form, error)
            else:
                fit = selectors.candidate_fit(self.candidate, scorecard.role)
                messages.success(
                    request,
                    f"{len(entries)} assessment{'s' if len(entries) != 1 else ''} saved. "
                    f"Fit for {scorecard.role.title}: {fit.fit}% ({fit.coverage}).",
                )
                url = reverse("candidates:candidate-detail", args=[self.candidate.pk])
                return HttpResponseRedirect(f"{url}?{urlencode({'role': scorecard.role.slug})}#fit")
        return self.page(form, status=400)


def add_scorecard_errors(form: ScorecardForm, error: ValidationError) -> None:
    """The batch service's errors (keyed by competency slug) beside each row's level."""
    for key, texts in error.message_dict.items():
        target = f"level-{key}" if f"level-{key}" in form.fields else key
        for text in texts:
            form.add_error(target if target in form.fields else None, text)


# --- Succession board -----------------------------------------------------------------------


class SuccessionIndexView(CandidateWorkMixin, TemplateView):
    """Every role, the top of the ladder first, each linking to its succession board."""

    template_name = "candidates/succession_index.html"
    nav_section = "succession"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["roles"] = list(succession.succession_roles())
        return context


class SuccessionBoardView(CandidateWorkMixin, TemplateView):
    """Who could take the role now, within two years, or later (see ``candidates.succession``
    for the pool, the groups and the cap)."""

    template_name = "candidates/succession_board.html"
    nav_section = "succession"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        role = selectors.role_for_scoring(self.kwargs["slug"])
        try:
            context["board"] = succession.succession_board(self.request.user, role)
        except RoleNotScorable as error:
            context["not_scorable"] = error.messages[0]
        context.update(
            role=role,
            cap=succession.BOARD_CAP,
            soon_years=succession.READY_SOON_YEARS,
            weeks_per_year=succession.WEEKS_PER_YEAR,
        )
        return context
