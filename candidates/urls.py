from django.urls import path

from candidates import views

app_name = "candidates"

urlpatterns = [
    path("openings/", views.OpeningListView.as_view(), name="opening-list"),
    path("openings/<int:pk>/", views.OpeningDetailView.as_view(), name="opening-detail"),
    path(
        "openings/<int:pk>/compare/",
        views.OpeningCompareView.as_view(),
        name="opening-compare",
    ),
    path(
        "openings/<int:pk>/compare.csv",
        views.OpeningCompareView.as_view(as_csv=True),
        name="opening-compare-csv",
    ),
    path("candidates/", views.CandidateListView.as_view(), name="candidate-list"),
    path("candidates/<int:pk>/", views.CandidateDetailView.as_view(), name="candidate-detail"),
    path("compare/", views.CandidateCompareView.as_view(), name="compare"),
    path("compare.csv", views.CandidateCompareView.as_view(as_csv=True), name="compare-csv"),
]
