from django.urls import include, path

from skills import views

skill_patterns = (
    [
        path("", views.CompetencyLibraryView.as_view(), name="list"),
        path("new/", views.CompetencyEditView.as_view(), name="create"),
        path("categories/new/", views.CategoryEditView.as_view(), name="category-create"),
        path(
            "categories/<slug:slug>/edit/",
            views.CategoryEditView.as_view(),
            name="category-edit",
        ),
        path("<slug:slug>/", views.CompetencyDetailView.as_view(), name="detail"),
        path("<slug:slug>/edit/", views.CompetencyEditView.as_view(), name="edit"),
    ],
    "skills",
)

# Learning resources sit beside the library rather than under /skills/, so that no address of
# theirs can be mistaken for a competency's /skills/<slug>/.
learning_patterns = (
    [
        path("", views.LearningResourceListView.as_view(), name="list"),
        path("new/", views.LearningResourceEditView.as_view(), name="create"),
        path("<slug:slug>/edit/", views.LearningResourceEditView.as_view(), name="edit"),
    ],
    "learning",
)

urlpatterns = [
    path("skills/", include(skill_patterns)),
    path("learning/", include(learning_patterns)),
]
