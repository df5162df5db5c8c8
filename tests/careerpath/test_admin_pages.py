"""Every admin list, add and change page opens for HR on the loaded framework and demo data."""

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(settings):
    settings.DEBUG = True
    call_command("load_framework", verbosity=0)
    call_command("load_demo", verbosity=0)


@pytest.mark.parametrize(
    "model",
    [m for m in admin.site._registry if m._meta.app_label in {"skills", "roles", "candidates"}],
    ids=lambda m: m._meta.label,
)
def test_hr_opens_every_admin_page(client, hr_user, loaded, model):
    client.force_login(hr_user)
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    response = client.get(changelist, {"q": "e"})
    assert response.status_code == 200
    obj = model.objects.first()
    if obj is not None:
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        assert client.get(change).status_code == 200
        history = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
        assert client.get(history).status_code == 200
