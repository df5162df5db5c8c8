from django.urls import URLPattern, include, path
from django.views import View

from roles import views

role_patterns = (
    [
        path("", views.RoleListView.as_view(), name="list"),
        path("new/", views.RoleEditView.as_view(), name="create"),
        path("compare/", views.RoleCompareView.as_view(), name="compare"),
        path("<slug:slug>/", views.RoleDetailView.as_view(), name="detail"),
        path("<slug:slug>/edit/", views.RoleEditView.as_view(), name="edit"),
        path("<slug:slug>/delete/", views.RoleDeleteView.as_view(), name="delete"),
    ],
    "roles",
)


def map_patterns(index: type[View] = views.CareerMapView) -> tuple[list[URLPattern], str]:
    """The ``map`` namespace. The project serves its index with ``index`` =
    ``candidates.views.CandidateCareerMapView`` (see ``careerpath/urls.py``), which adds a
    candidate's gaps to the route; this app on its own would serve the framework's map."""
    return (
        [
            path("", index.as_view(), name="index"),
            path("paths/new/", views.PromotionPathEditView.as_view(), name="path-create"),
            path("paths/<int:pk>/edit/", views.PromotionPathEditView.as_view(), name="path-edit"),
            path(
                "paths/<int:pk>/delete/",
                views.PromotionPathDeleteView.as_view(),
                name="path-delete",
            ),
        ],
        "map",
    )


urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("roles/", include(role_patterns)),
]
