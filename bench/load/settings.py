"""Settings for the load bench only (``bench/load/run.py`` starts gunicorn with them).

The product's settings, plus one URLconf that adds the bench's plain-Django twin of a DRF list
(``bench/load/urls.py``): it is never mounted by the product's own ``careerpath.urls``.
"""

from careerpath.settings import *  # noqa: F403

ROOT_URLCONF = "bench.load.urls"

# Static files are not part of the load (nothing here fetches them), so the bench needs no
# collectstatic: unhashed names, whatever DEBUG says.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
