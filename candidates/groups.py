"""The HR, Recruiter and Viewer groups and their model permissions, in one definition.

Used by the data migration (with historical models) and by tests that flush the database.
"""

from __future__ import annotations

from typing import Any

FRAMEWORK = [
    ("skills", "competencycategory"),
    ("skills", "competency"),
    ("skills", "competencylevelindicator"),
    ("skills", "learningresource"),
    ("roles", "role"),
    ("roles", "rolerequirement"),
    ("roles", "promotionpath"),
]
EVERY_ACTION = ("add", "change", "delete", "view")

# group → list of ((app, model) list, actions)
GROUP_PERMISSIONS: dict[str, list[tuple[list[tuple[str, str]], tuple[str, ...]]]] = {
    "HR": [
        (FRAMEWORK, EVERY_ACTION),
        (
            [
                ("candidates", "candidate"),
                ("candidates", "opening"),
                ("candidates", "assessment"),
                ("candidates", "fitsnapshot"),
            ],
            EVERY_ACTION,
        ),
    ],
    "Recruiter": [
        (FRAMEWORK, ("view",)),
        ([("candidates", "candidate")], ("add", "change", "view")),
        ([("candidates", "assessment")], ("add", "view")),
        ([("candidates", "opening")], ("change", "view")),
        ([("candidates", "fitsnapshot")], ("view",)),
    ],
    "Viewer": [(FRAMEWORK, ("view",))],
}


def sync_access_groups(group_model: Any, permission_model: Any) -> None:
    """Create the groups if missing and give each exactly its permissions."""
    for name, grants in GROUP_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=name)
        permissions = []
        for models, actions in grants:
            permissions += list(
                permission_model.objects.filter(
                    content_type__app_label__in={app for app, _ in models},
                    codename__in=[f"{a}_{model}" for _, model in models for a in actions],
                )
            )
        group.permissions.set(permissions)


def ensure_access_groups() -> None:
    """For code running on the live models (tests after a database flush)."""
    from django.contrib.auth.models import Group, Permission

    if Group.objects.filter(name__in=GROUP_PERMISSIONS).count() < len(GROUP_PERMISSIONS):
        sync_access_groups(Group, Permission)
