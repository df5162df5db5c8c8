"""Root URLs: pages per app, the admin, and the versioned API.

With ``careerpath/api/urls.py`` this is the one place above the apps: it may import any of them
(the import contract in pyproject.toml allows exactly these two modules to).
"""

from django.contrib import admin
from django.urls import include, path

from candidates.views import CandidateCareerMapView
from roles.urls import map_patterns

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/", include("careerpath.api.urls")),
    path("", include("roles.urls")),
    # The framework's map, with the route finder's "for candidate" choice from recruiting.
    path("career-map/", include(map_patterns(CandidateCareerMapView))),
    path("", include("skills.urls")),
    path("", include("candidates.urls")),
    path("", include("jobs.urls")),
    path("", include("audit.urls")),
]

# JSON in the API's error shape under /api/, the HTML page elsewhere (see error_views).
handler400 = "careerpath.error_views.bad_request"
handler403 = "careerpath.error_views.permission_denied"
handler500 = "careerpath.error_views.server_error"
