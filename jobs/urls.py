from django.urls import path

from jobs import views

app_name = "jobs"

urlpatterns = [
    path("jobs/<uuid:pk>/", views.JobDetailView.as_view(), name="detail"),
    path("jobs/<uuid:pk>/download/", views.JobDownloadView.as_view(), name="download"),
]
