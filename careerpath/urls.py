"""Root URLs: pages per app, the admin, and the versioned API."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/", include("careerpath.api")),
    path("", include("roles.urls")),
    path("", include("skills.urls")),
    path("", include("candidates.urls")),
]

handler500 = "careerpath.error_views.server_error"
