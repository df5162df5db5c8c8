"""The product's URLs, plus the bench-only plain JSON view (see ``views.py``), mounted first."""

from django.urls import include, path

from bench.load.views import plain_candidate_list

urlpatterns = [
    path("bench/plain/candidates/", plain_candidate_list, name="bench-plain-candidates"),
    path("", include("careerpath.urls")),
]
