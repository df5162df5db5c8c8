"""The Celery application.

Without a broker URL (the embedded default) tasks run eagerly, in-process: see
``CELERY_TASK_ALWAYS_EAGER`` in settings.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerpath.settings")

app = Celery("careerpath")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
