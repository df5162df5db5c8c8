from django.urls import path, re_path

from candidates import views

app_name = "candidates"

urlpatterns = [
    path("openings/", views.OpeningListView.as_view(), name="opening-list"),
    path("openings/new/", views.OpeningEditView.as_view(), name="opening-create"),
    path("openings/<int:pk>/", views.OpeningDetailView.as_view(), name="opening-detail"),
    path("openings/<int:pk>/edit/", views.OpeningEditView.as_view(), name="opening-edit"),
    path(
        "openings/<int:pk>/compare/",
        views.OpeningCompareView.as_view(),
        name="opening-compare",
    ),
    path(
        "openings/<int:pk>/compare.csv",
        views.OpeningCompareView.as_view(export="csv"),
        name="opening-compare-csv",
    ),
    path(
        "openings/<int:pk>/compare.xlsx",
        views.OpeningCompareView.as_view(export="xlsx"),
        name="opening-compare-xlsx",
    ),
    path("openings/<int:pk>/report/", views.OpeningReportView.as_view(), name="opening-report"),
    path("candidates/", views.CandidateListView.as_view(), name="candidate-list"),
    path(
        "candidates/export.csv",
        views.CandidateExportView.as_view(export="csv"),
        name="candidate-export-csv",
    ),
    path(
        "candidates/export.xlsx",
        views.CandidateExportView.as_view(export="xlsx"),
        name="candidate-export-xlsx",
    ),
    path("candidates/new/", views.CandidateEditView.as_view(), name="candidate-create"),
    path("candidates/import/", views.CandidateImportView.as_view(), name="candidate-import"),
    re_path(
        r"^candidates/import/template/(?P<slug>[-a-z0-9_]+)\.(?P<extension>csv|xlsx)$",
        views.ImportTemplateView.as_view(),
        name="import-template",
    ),
    path("candidates/<int:pk>/", views.CandidateDetailView.as_view(), name="candidate-detail"),
    path("candidates/<int:pk>/edit/", views.CandidateEditView.as_view(), name="candidate-edit"),
    path(
        "candidates/<int:pk>/personal-data.json",
        views.CandidatePersonalDataView.as_view(),
        name="candidate-personal-data",
    ),
    path("candidates/<int:pk>/erase/", views.CandidateEraseView.as_view(), name="candidate-erase"),
    path("candidates/erasures/", views.ErasureListView.as_view(), name="erasure-list"),
    path(
        "candidates/<int:pk>/scorecard/",
        views.CandidateScorecardView.as_view(),
        name="candidate-scorecard",
    ),
    path("succession/", views.SuccessionIndexView.as_view(), name="succession-index"),
    path(
        "succession/<slug:slug>/",
        views.SuccessionBoardView.as_view(),
        name="succession-board",
    ),
    path("compare/", views.CandidateCompareView.as_view(), name="compare"),
    path("compare.csv", views.CandidateCompareView.as_view(export="csv"), name="compare-csv"),
    path("compare.xlsx", views.CandidateCompareView.as_view(export="xlsx"), name="compare-xlsx"),
]
