from django.urls import include, path

from roles import views

role_patterns = (
    [
        path("", views.RoleListView.as_view(), name="list"),
        path("<slug:slug>/", views.RoleDetailView.as_view(), name="detail"),
    ],
    "roles",
)

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("roles/", include(role_patterns)),
]
