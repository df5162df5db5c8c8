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
    path("", include("jobs.urls")),
]

# JSON in the API's error shape under /api/, the HTML page elsewhere (see error_views).
handler400 = "careerpath.error_views.bad_request"
handler403 = "careerpath.error_views.permission_denied"
handler500 = "careerpath.error_views.server_error"
