"""The API: /api/v1/ (the router of every app's endpoints), the schema and its docs.

The paths below are a contract with integrations (issue 4): keep them stable. Anything else
under /api/ answers a JSON 404 in the API's error shape.
"""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from audit.api.views import AuditTrailView
from candidates.api.views import (
    AssessmentViewSet,
    CandidateFitView,
    CandidateScorecardView,
    CandidateViewSet,
    CareerRouteView,
    ComparisonView,
    DevelopmentPlanView,
    ImportView,
    OpeningViewSet,
    PersonalDataView,
    RoleRankingView,
    RoleSuccessionView,
)
from careerpath.api.errors import api_not_found
from careerpath.api.token_views import ObtainTokenView, RotateTokenView
from jobs.api.views import JobDownloadView, JobView
from roles.api.views import PromotionPathViewSet, RoleViewSet
from skills.api.views import (
    CompetencyCategoryViewSet,
    CompetencyViewSet,
    LearningResourceViewSet,
)

router = DefaultRouter()
router.include_format_suffixes = False  # JSON only: no /roles.json twins in the contract

router.register("competency-categories", CompetencyCategoryViewSet, basename="competency-category")
router.register("competencies", CompetencyViewSet, basename="competency")
router.register("learning-resources", LearningResourceViewSet, basename="learning-resource")
router.register("roles", RoleViewSet, basename="role")
router.register("promotion-paths", PromotionPathViewSet, basename="promotion-path")
router.register("candidates", CandidateViewSet, basename="candidate")
router.register("assessments", AssessmentViewSet, basename="assessment")
router.register("openings", OpeningViewSet, basename="opening")

recruiting_reads = [
    path("roles/<slug:slug>/ranking/", RoleRankingView.as_view(), name="role-ranking"),
    path("roles/<slug:slug>/succession/", RoleSuccessionView.as_view(), name="role-succession"),
    path("candidates/<int:pk>/fit/", CandidateFitView.as_view(), name="candidate-fit"),
    path(
        "candidates/<int:pk>/scorecard/",
        CandidateScorecardView.as_view(),
        name="candidate-scorecard",
    ),
    path(
        "candidates/<int:pk>/development-plan/",
        DevelopmentPlanView.as_view(),
        name="candidate-development-plan",
    ),
    path(
        "candidates/<int:pk>/personal-data/",
        PersonalDataView.as_view(),
        name="candidate-personal-data",
    ),
    path("comparisons/", ComparisonView.as_view(), name="comparisons"),
    path("career-route/", CareerRouteView.as_view(), name="career-route"),
    path("imports/", ImportView.as_view(), name="imports"),
    # Background jobs (imports, exports): follow one, download its file.
    path("tasks/<uuid:pk>/", JobView.as_view(), name="task-detail"),
    path("tasks/<uuid:pk>/download/", JobDownloadView.as_view(), name="task-download"),
]

audit = [path("audit/", AuditTrailView.as_view(), name="audit")]

auth = [
    path("auth/token/", ObtainTokenView.as_view(), name="auth-token"),
    path("auth/token/rotate/", RotateTokenView.as_view(), name="auth-token-rotate"),
]

urlpatterns = [
    path("v1/", include((router.urls + recruiting_reads + audit + auth, "api-v1"))),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's init script from ?script rather than inline, and the
    # template drops the inline <style>: the docs obey the Content-Security-Policy (issue 9).
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="api/swagger_ui.html"
        ),
        name="api-docs",
    ),
    # Any character, line breaks too: a path with an encoded one (%0A) is still under /api/ and
    # gets the JSON 404 (``.`` stops at a line break; ``(?s)`` would break URL reversing).
    re_path(r"^(?P<unmatched>[\s\S]*)$", api_not_found, name="api-not-found"),
]
