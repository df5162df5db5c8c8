"""API endpoints for recruiting: candidates, assessments, openings (CRUD through the services,
loaded through the access selectors), and the reads — ranking, fit, comparison, development plan
and career route — each a thin view over one selector with an input and an output serializer.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpResponseBase
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import exceptions, mixins
from rest_framework.decorators import action
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from candidates import exports, personal_data, selectors, services, succession
from candidates.api.serializers import (
    SCORING_STATES,
    AssessmentCreatedSerializer,
    AssessmentSerializer,
    CandidateSerializer,
    CareerRouteQuerySerializer,
    CareerRouteSerializer,
    CompareSerializer,
    ComparisonSerializer,
    DevelopmentPlanSerializer,
    ExportFormatSerializer,
    FitSerializer,
    ImportRequestSerializer,
    OpeningSerializer,
    PersonalDataSerializer,
    RankingQuerySerializer,
    RankingSerializer,
    RoleQuerySerializer,
    ScorecardInputSerializer,
    ScorecardSavedSerializer,
    ScorecardSerializer,
    SuccessionBoardSerializer,
    visible_candidates,
    visible_openings,
)
from candidates.downloads import file_download
from candidates.email_reveals import CandidateEmailThrottle, reveals_existing_email
from candidates.imports import read_upload
from candidates.models import Assessment, Candidate, Opening
from candidates.scoring import role_not_scorable
from careerpath import access
from careerpath.api.fields import SLUG_PATTERN, SLUG_SCHEMA
from careerpath.api.pagination import ApiPagination
from careerpath.api.permissions import CandidateWork, FrameworkReader
from careerpath.api.views import ApiViewMixin, RecruitingViewSet
from careerpath.paging import CountedRows
from jobs.api.serializers import JobSerializer
from roles.models import Role
from skills.models import MAX_LEVEL, MIN_LEVEL, Competency

# --- Candidates -----------------------------------------------------------------------------


class JsonAnswers(DefaultContentNegotiation):
    """Always the JSON renderer: for an endpoint whose ``format`` parameter chooses a file
    type rather than a renderer, and whose only other answers are JSON errors."""

    def select_renderer(
        self, request: Request, renderers: list[Any], format_suffix: str | None = None
    ) -> tuple[Any, str]:
        return renderers[0], renderers[0].media_type


SKILL_HELP = (
    "A skill condition `<competency slug>:<level>` (level 1 to 5): only candidates whose "
    "counted level in that competency — their latest assessment in it, by date then id — is "
    "that level or more. Repeat the parameter for more conditions; every one must hold "
    f"(at most {selectors.MAX_SKILL_CONDITIONS}). Example: `skill=web-analytics:4&skill=seo:3`."
)


SKILL_PATTERN = f"^{SLUG_PATTERN.pattern}:[{MIN_LEVEL}-{MAX_LEVEL}]$"


class SkillConditionsField(forms.Field):
    """``?skill=<slug>:<level>``, repeatable: a list of ``SkillCondition`` (the stricter level
    when a competency is named twice). Unknown slugs and levels outside 1..5 are field errors."""

    widget = forms.SelectMultiple  # reads every repeated value from the query string

    def clean(self, value: Any) -> list[selectors.SkillCondition]:
        wanted: dict[str, int] = {}
        problems: list[str] = []
        for text in value or []:
            slug, colon, level_text = str(text).strip().partition(":")
            level = int(level_text) if level_text.isdigit() and len(level_text) < 3 else None
            if not slug or not colon:
                problems.append(f"“{text[:50]}”: write <competency slug>:<level>, e.g. seo:3.")
            elif level is None or not MIN_LEVEL <= level <= MAX_LEVEL:
                problems.append(f"“{text[:50]}”: the level must be {MIN_LEVEL} to {MAX_LEVEL}.")
            else:
                wanted[slug] = max(level, wanted.get(slug, 0))
        if len(wanted) > selectors.MAX_SKILL_CONDITIONS:
            problems.append(f"At most {selectors.MAX_SKILL_CONDITIONS} skill conditions.")
        ids = dict(Competency.objects.filter(slug__in=list(wanted)[:50]).values_list("slug", "pk"))
        problems += [
            f"No competency with slug “{slug[:80]}”." for slug in wanted if slug not in ids
        ]
        if problems:
            raise ValidationError(problems)
        return [
            selectors.SkillCondition(competency_id=ids[slug], min_level=level)
            for slug, level in wanted.items()
        ]


SKILL_PARAMETER_SCHEMA = {
    "type": "array",
    "items": {"type": "string", "pattern": SKILL_PATTERN, "example": "seo:3"},
    "maxItems": selectors.MAX_SKILL_CONDITIONS,
    "description": SKILL_HELP,
}


@extend_schema_field(SKILL_PARAMETER_SCHEMA)
class SkillConditionsFilter(django_filters.Filter):
    field_class = SkillConditionsField

    def filter(self, qs: QuerySet[Candidate], value: Any) -> QuerySet[Candidate]:
        for condition in value or []:
            qs = qs.filter(selectors.counted_level_at_least(condition))
        return qs


class CandidateFilter(django_filters.FilterSet):
    opening = django_filters.ModelChoiceFilter(
        field_name="openings",
        queryset=visible_openings,
        help_text="Only the candidates of this opening (its id; one you may see).",
    )
    current_role = django_filters.ModelChoiceFilter(
        queryset=Role.objects.all(),
        to_field_name="slug",
        help_text="Only the candidates who hold this role now (its slug).",
    )
    skill = SkillConditionsFilter(help_text=SKILL_HELP)

    class Meta:
        model = Candidate
        fields = ["source", "opening", "current_role", "skill"]


@extend_schema_view(
    list=extend_schema(summary="Candidates you may see"),
    create=extend_schema(summary="Add a candidate (you become its creator)"),
)
class CandidateViewSet(
    RecruitingViewSet,  # first: its service-backed perform_* win over the mixins'
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
):
    """Candidates, addressed by id; ``search`` looks in the name and email. Candidates are not
    deleted through the API (their assessments are history)."""

    serializer_class = CandidateSerializer
    filterset_class = CandidateFilter
    search_fields = ["name", "email"]
    repeatable_query_parameters = frozenset({"skill"})  # conditions that must all hold

    def get_queryset(self) -> QuerySet[Candidate]:
        return selectors.candidate_list(self.request.user)

    def accepted_query_parameters(self) -> set[str]:
        accepted = super().accepted_query_parameters()
        if self.action == "export":  # the list's filters and search, and the file type
            accepted |= {*CandidateFilter.base_filters, "search", "format"}
        return accepted

    @extend_schema(
        summary="Export the candidates you may see (CSV or Excel)",
        description=(
            "The candidates the list would answer, with the same filters and search, as one "
            "file (not paginated): `format=csv` (UTF-8 with a byte-order mark, streamed, any "
            "number of rows) or `format=xlsx` (up to 2,000 candidates; more is a 400 on "
            "`format`). Columns: id, name, email, source, current role, years of "
            "experience, number of assessments, notes, created at. Text a spreadsheet would "
            "read as a formula starts with an apostrophe."
        ),
        parameters=[
            ExportFormatSerializer,
            OpenApiParameter(
                "source",
                str,
                enum=[c[0] for c in Candidate.Source.choices],
                description="Only internal or only external candidates.",
            ),
            OpenApiParameter(
                "opening", int, description="Only the candidates of this opening (its id)."
            ),
            OpenApiParameter(
                "search", str, description="Text in the name or email (at most 200 characters)."
            ),
            OpenApiParameter(
                "current_role",
                SLUG_SCHEMA,
                description="Only the candidates who hold this role now (its slug).",
            ),
            OpenApiParameter("skill", SKILL_PARAMETER_SCHEMA, description=SKILL_HELP, explode=True),
        ],
        responses={
            (200, exports.CSV_CONTENT_TYPE.split(";")[0]): OpenApiTypes.BINARY,
            (200, exports.XLSX_CONTENT_TYPE): OpenApiTypes.BINARY,
        },
        filters=False,
    )
    @action(
        detail=False,
        methods=["get"],
        url_path="export",
        pagination_class=None,
        # ``format`` names the file type here, not a renderer: answers other than the file
        # (errors) stay JSON.
        content_negotiation_class=JsonAnswers,
    )
    def export(self, request: Request) -> HttpResponseBase:
        given = (
            {"format": request.query_params["format"]} if "format" in request.query_params else {}
        )
        kind = _validated(ExportFormatSerializer, given, request)["format"]
        candidates = self.filter_queryset(self.get_queryset()).order_by("name", "id")
        filename = f"candidates-{timezone.localdate():%Y-%m-%d}.{kind}"
        if kind == "xlsx":
            limit = services.CANDIDATE_XLSX_INLINE_LIMIT
            if candidates.count() > limit:
                raise exceptions.ValidationError(
                    {
                        "format": [
                            f"More than {limit:,} candidates for xlsx: ask for csv (it streams "
                            "any number) or narrow the filters."
                        ]
                    }
                )
            return file_download(
                exports.candidate_xlsx(candidates), exports.XLSX_CONTENT_TYPE, filename
            )
        return file_download(
            exports.candidate_csv_lines(candidates), exports.CSV_CONTENT_TYPE, filename
        )

    def get_throttles(self) -> list[Any]:
        throttles = super().get_throttles()
        if self.action in ("create", "update", "partial_update"):
            throttles.append(CandidateEmailThrottle())
        return throttles

    def create_with_service(self, data: dict[str, Any]) -> Candidate:
        with self.counting_email_reveals():
            return services.candidate_create(created_by=self.request.user, **data)

    def update_with_service(self, instance: Candidate, data: dict[str, Any]) -> Candidate:
        with self.counting_email_reveals():
            return services.candidate_update(candidate=instance, **data)

    @contextmanager
    def counting_email_reveals(self) -> Iterator[None]:
        try:
            yield
        except ValidationError as error:
            if reveals_existing_email(error):
                CandidateEmailThrottle().record(self.request)
            raise


# --- Assessments ----------------------------------------------------------------------------


class AssessmentFilter(django_filters.FilterSet):
    candidate = django_filters.ModelChoiceFilter(
        queryset=visible_candidates,
        help_text="Only this candidate's assessments (its id; one you may see).",
    )
    competency = django_filters.ModelChoiceFilter(
        to_field_name="slug",
        queryset=Competency.objects.all(),
        help_text="Only assessments of this competency (its slug).",
    )

    class Meta:
        model = Assessment
        fields = ["candidate", "competency"]


@extend_schema_view(
    create=extend_schema(
        summary="Add an assessment (the candidate's scores are then recalculated)",
        request=AssessmentSerializer,
        responses={201: AssessmentCreatedSerializer},
    )
)
class AssessmentViewSet(
    RecruitingViewSet,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
):
    """Assessments of the candidates you may see, newest first. They are history: added, never
    changed or deleted (the latest by date, then id, is the one that counts)."""

    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilter

    def get_queryset(self) -> QuerySet[Assessment]:
        return selectors.assessments_visible_to(self.request.user).select_related("competency")

    def get_serializer_class(self) -> type[AssessmentSerializer]:
        # The answer to a POST also says that rescoring is queued.
        return AssessmentCreatedSerializer if self.action == "create" else AssessmentSerializer

    def create_with_service(self, data: dict[str, Any]) -> Assessment:
        return services.assessment_create(assessor=self.request.user, **data)


# --- Openings -------------------------------------------------------------------------------


class OpeningFilter(django_filters.FilterSet):
    role = django_filters.ModelChoiceFilter(
        to_field_name="slug",
        queryset=Role.objects.all(),
        help_text="Only openings for this role (its slug).",
    )

    class Meta:
        model = Opening
        fields = ["status", "role"]


@extend_schema_view(create=extend_schema(summary="Open a vacancy (HR only)"))
class OpeningViewSet(
    RecruitingViewSet,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
):
    """Openings you may see (HR: all; a recruiter: those whose hiring team they are on). HR
    opens them; HR and the hiring team change them. Close one with ``status: closed`` rather
    than deleting it."""

    serializer_class = OpeningSerializer
    filterset_class = OpeningFilter
    hr_only_actions = frozenset({"create"})

    def get_queryset(self) -> QuerySet[Opening]:
        # Ids only: the team and the candidates are written as lists of ids.
        return selectors.opening_list(self.request.user).prefetch_related(
            Prefetch("hiring_team", queryset=get_user_model().objects.only("id")),
            Prefetch("candidates", queryset=Candidate.objects.only("id")),
        )

    def create_with_service(self, data: dict[str, Any]) -> Opening:
        return services.opening_create(created_by=self.request.user, **data)

    def update_with_service(self, instance: Opening, data: dict[str, Any]) -> Opening:
        return services.opening_update(opening=instance, **data)


# --- Recruiting reads -----------------------------------------------------------------------


def _validated(serializer_class: type, data: Any, request: Request) -> dict[str, Any]:
    serializer = serializer_class(data=data, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class RoleRankingView(ApiViewMixin, APIView):
    permission_classes = [IsAuthenticated, CandidateWork]
    query_serializer_class = RankingQuerySerializer
    query_parameters = (ApiPagination.page_query_param, ApiPagination.page_size_query_param)

    @extend_schema(
        summary="Rank candidates for a role",
        description=(
            "The candidates of an opening (`?opening=<id>`, for the opening's role) read from "
            "their stored scores, paginated in the database (`page`, `page_size`); rows whose "
            "inputs changed since `computed_at` say `stale: true` while a rescoring is queued. "
            "Or a what-if ranking of the candidates listed (`?candidates=1,2,3`), against any "
            "role, scored for this request. Order: eligible first, then fit (highest first), "
            "then shortfall (lowest first), then id."
        ),
        parameters=[
            RankingQuerySerializer,
            OpenApiParameter("page", int, description=ApiPagination.page_query_description),
            OpenApiParameter(
                "page_size", int, description=ApiPagination.page_size_query_description
            ),
        ],
        responses=RankingSerializer,
    )
    def get(self, request: Request, slug: str) -> Response:
        role = selectors.role_for_scoring(slug)
        params = request.query_params.copy()
        for name in self.query_parameters:  # the paginator reads and checks these
            params.pop(name, None)
        query = _validated(RankingQuerySerializer, params, request)
        opening = query["opening"]
        paginator = ApiPagination()
        if opening is not None:
            if not selectors.requirement_specs(role):
                raise role_not_scorable(role.title)
            if opening.role_id != role.pk:
                raise exceptions.ValidationError(
                    {
                        "opening": [
                            f"This opening is for “{opening.role.title}”: rank it at "
                            f"/roles/{opening.role.slug}/ranking/, or rank chosen candidates "
                            "against this role with ?candidates=."
                        ]
                    }
                )
            members = selectors.opening_member_count(opening)
            rows = CountedRows(selectors.opening_scores(opening), members)
            page = paginator.paginate_queryset(rows, request, self)
            first = paginator.page.start_index() if page else 1
            results: list[Any] = selectors.ranking_entries(role, page or [], first_rank=first)
        else:
            ranking = selectors.rank_candidates_for_role(role, query["candidates"])
            results = paginator.paginate_queryset(ranking, request, self) or []
        payload = {
            "role": role,
            "opening": opening,
            "count": paginator.page.paginator.count,
            "next": paginator.get_next_link(),
            "previous": paginator.get_previous_link(),
            "results": results,
        }
        return Response(RankingSerializer(payload).data)


class CandidateFitView(ApiViewMixin, APIView):
    permission_classes = [IsAuthenticated]  # the candidate's visibility decides: 404
    query_serializer_class = RoleQuerySerializer

    @extend_schema(
        summary="A candidate's fit for a role",
        description="Fit, eligibility with its reasons, shortfall, gaps and strengths.",
        parameters=[RoleQuerySerializer],
        responses=FitSerializer,
    )
    def get(self, request: Request, pk: int) -> Response:
        candidate = selectors.candidate_for_user(request.user, pk)
        role = _validated(RoleQuerySerializer, request.query_params, request)["role"]
        result = selectors.candidate_fit(candidate, role)
        payload = {"candidate": candidate, "role": role, "result": result}
        return Response(FitSerializer(payload).data)


class PersonalDataView(ApiViewMixin, APIView):
    permission_classes = [IsAuthenticated]  # the candidate's visibility decides: 404

    @extend_schema(
        summary="Everything stored about a candidate (HR)",
        description=(
            "The candidate's personal data for a subject access request: profile, assessments "
            "with their evidence, openings, stored scores, fit snapshots, and every history row "
            "that names them (old versions of the profile and assessments, and the changes of "
            "openings whose candidate list included them). HR only: a recruiter who can see "
            "the candidate gets 403; anyone who cannot gets 404. The same document as the "
            "candidate page's “Download personal data”."
        ),
        responses=PersonalDataSerializer,
    )
    def get(self, request: Request, pk: int) -> Response:
        candidate = selectors.candidate_for_user(request.user, pk)
        if not access.is_hr(request.user):
            raise exceptions.PermissionDenied("Only HR may export a candidate's personal data.")
        document = personal_data.candidate_personal_data(candidate)
        return Response(PersonalDataSerializer(document).data)


class DevelopmentPlanView(ApiViewMixin, APIView):
    permission_classes = [IsAuthenticated]  # the candidate's visibility decides: 404
    query_serializer_class = RoleQuerySerializer

    @extend_schema(
        summary="A candidate's development plan toward a role",
        description=(
            "Each gap, the learning resources that together develop every gap competency any "
            "resource covers with the least total weeks (an exact search), and the gaps no "
            "resource covers."
        ),
        parameters=[RoleQuerySerializer],
        responses=DevelopmentPlanSerializer,
    )
    def get(self, request: Request, pk: int) -> Response:
        candidate = selectors.candidate_for_user(request.user, pk)
        role = _validated(RoleQuerySerializer, request.query_params, request)["role"]
        plan = selectors.development_plan(candidate, role)
        return Response(DevelopmentPlanSerializer(plan).data)


class ComparisonView(ApiViewMixin, APIView):
    permission_classes = [IsAuthenticated, CandidateWork]
    excluded_error_codes = frozenset({409})  # reads only, nothing to conflict with

    @extend_schema(
        summary="Compare candidates for a role",
        description=(
            'Body `{"role": slug, "candidates": [ids]}` or `{"opening": id}` (the opening\'s '
            'candidates, for its role unless "role" is given). Answers the ranked rows with '
            "each candidate's gaps and strengths, and the requirement × candidate matrix."
        ),
        request=CompareSerializer,
        responses={200: ComparisonSerializer},
    )
    def post(self, request: Request) -> Response:
        data = _validated(CompareSerializer, request.data, request)
        comparison = selectors.compare_candidates(data["role"], data["candidates"])
        readiness = {r.candidate.pk: r for r in succession.comparison_readiness(comparison)}
        payload = {
            "comparison": comparison,
            "opening": data["opening"],
            "total": data["total"],
            "truncated": data["total"] > len(data["candidates"]),
        }
        return Response(ComparisonSerializer(payload, context={"readiness": readiness}).data)


class RoleSuccessionView(ApiViewMixin, APIView):
    permission_classes = [IsAuthenticated, CandidateWork]
    excluded_error_codes = frozenset({409})  # a read: nothing to conflict with

    @extend_schema(
        summary="Succession board for a role",
        description=(
            "The candidates you may see who could take the role, in three groups: `ready_now` "
            "(eligible by the stored score), `ready_soon` (time to ready ≤ 2 years, exactly 2 "
            "included) and `later` (more than 2 years, or a gap no learning resource "
            "develops). Time to ready = max(development plan weeks ÷ 52, years of experience "
            "missing). Pool: the candidates on the role's openings plus the internal "
            "candidates one step below it on a promotion path. **Capped, not paginated:** each "
            "group holds at most `cap` candidates, best fit first, with its `total`; plans are "
            "made for the 2 × `cap` best not-ready candidates by fit, and `unplanned` counts "
            "the rest. 400 (on `role`) when the role has no requirements."
        ),
        responses={200: SuccessionBoardSerializer},
    )
    def get(self, request: Request, slug: str) -> Response:
        board = succession.succession_board(request.user, slug)
        return Response(SuccessionBoardSerializer(board).data)


class CareerRouteView(ApiViewMixin, APIView):
    permission_classes = [IsAuthenticated, FrameworkReader]
    query_serializer_class = CareerRouteQuerySerializer

    @extend_schema(
        summary="Career route between two roles",
        description=(
            "The route along promotion paths with the least total typical years, each step "
            "showing what the next role adds or raises; with `candidate`, their gaps at each "
            "step (HR and recruiters only). `found` is false when no route exists."
        ),
        parameters=[CareerRouteQuerySerializer],
        responses=CareerRouteSerializer,
    )
    def get(self, request: Request) -> Response:
        if "candidate" in request.query_params and not access.can_work_with_candidates(
            request.user
        ):
            raise exceptions.PermissionDenied("Only HR and recruiters work with candidates.")
        query = _validated(CareerRouteQuerySerializer, request.query_params, request)
        route = selectors.candidate_career_route(
            start=query["from"], target=query["to"], candidate=query["candidate"]
        )
        return Response(CareerRouteSerializer(route).data)


# --- Bulk import ----------------------------------------------------------------------------


class ImportView(ApiViewMixin, APIView):
    """Start a bulk import of candidates and assessments; follow it at ``tasks/<id>/``."""

    permission_classes = [IsAuthenticated, CandidateWork]
    parser_classes = [MultiPartParser]
    excluded_error_codes = frozenset({409})

    @extend_schema(
        summary="Import candidates and assessments from a file",
        description=(
            "Multipart upload of a CSV or XLSX file (and optionally an opening to put everyone "
            "on). Answers 202 with the job (and a `Location` header to `tasks/<id>/`); the "
            "import runs in the background. A file that cannot be an import at all (missing, "
            "empty, too large, not .csv/.xlsx, a CSV that is not UTF-8) is a 400 on `file` "
            "now. Every row is checked before anything is written: if any row has a problem "
            "the job fails with `result.errors` = `[{row, column, message}]` (at most 200, "
            "`result.errors_not_shown` counts the rest) and nothing is imported. Candidates are "
            "matched on email in any letter case (updated, never duplicated); an assessment is "
            "added only where the level differs from the candidate's level on that date. A "
            "recruiter may update only candidates they can see. On success `result` has "
            "`created`, `updated`, `unchanged`, `assessments_added` and the ids of each."
        ),
        request={"multipart/form-data": ImportRequestSerializer},
        responses={202: JobSerializer},
    )
    def post(self, request: Request) -> Response:
        data = _validated(ImportRequestSerializer, request.data, request)
        upload = data["file"]
        job = services.candidate_import_start(
            user=request.user,
            file_name=upload.name or "",
            content=read_upload(upload),
            opening=data.get("opening"),
        )
        body = JobSerializer(job, context={"request": request}).data
        location = request.build_absolute_uri(reverse("api-v1:task-detail", args=[job.pk]))
        return Response(body, status=202, headers={"Location": location})


class CandidateScorecardView(ApiViewMixin, APIView):
    """A candidate against every requirement of a role: read it, or save a batch of
    assessments in one go (all or none, one rescoring)."""

    permission_classes = [IsAuthenticated]  # the candidate's visibility decides: 404
    query_serializer_class = RoleQuerySerializer

    def scorecard(self, request: Request, pk: int) -> selectors.Scorecard:
        candidate = selectors.candidate_for_user(request.user, pk)
        role = _validated(RoleQuerySerializer, request.query_params, request)["role"]
        return selectors.candidate_scorecard(candidate, role)

    @extend_schema(
        summary="A candidate's scorecard for a role",
        description=(
            "Every requirement of the role (`?role=<slug>`) with the competency's level "
            "indicators and the candidate's assessment that counts now, and how many "
            "requirements are assessed."
        ),
        parameters=[RoleQuerySerializer],
        responses=ScorecardSerializer,
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(ScorecardSerializer(self.scorecard(request, pk)).data)

    @extend_schema(
        summary="Save a scorecard: assess several requirements at once",
        description=(
            "One assessment per item of `assessments`, each a requirement of the role "
            "(`?role=<slug>`), all dated `assessed_at`. All or none: if any item is invalid "
            "nothing is saved and the errors name the item (`assessments.<index>.<field>`). "
            "The candidate's scores are recalculated once for the batch."
        ),
        parameters=[RoleQuerySerializer],
        request=ScorecardInputSerializer,
        responses={201: ScorecardSavedSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        scorecard = self.scorecard(request, pk)
        serializer = ScorecardInputSerializer(
            data=request.data, context={"request": request, "scorecard": scorecard}
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        items = data["assessments"]
        try:
            saved = services.assessment_batch_create(
                candidate=scorecard.candidate,
                entries=[services.ScorecardEntry(**item) for item in items],
                assessor=request.user,
                assessed_at=data.get("assessed_at"),
            )
        except ValidationError as error:
            # The service keys a row's errors by its competency; the API names the item.
            index = {item["competency"].slug: n for n, item in enumerate(items)}
            raise ValidationError(
                {
                    f"assessments.{index[key]}" if key in index else key: messages
                    for key, messages in error.message_dict.items()
                }
            ) from None
        payload = {
            "assessments": saved,
            "scorecard": selectors.candidate_scorecard(scorecard.candidate, scorecard.role),
            "scoring": SCORING_STATES[0],
        }
        return Response(ScorecardSavedSerializer(payload).data, status=201)
