from django.urls import include, path

from skills import views

skill_patterns = (
    [
        path("", views.CompetencyLibraryView.as_view(), name="list"),
        path("new/", views.CompetencyEditView.as_view(), name="create"),
        path("<slug:slug>/", views.CompetencyDetailView.as_view(), name="detail"),
        path("<slug:slug>/edit/", views.CompetencyEditView.as_view(), name="edit"),
    ],
    "skills",
)

urlpatterns = [path("skills/", include(skill_patterns))]
