"""Create the HR, Recruiter and Viewer groups with their model permissions.

The permissions decide what each group may do in the admin; the rules of who sees which
candidate live in ``candidates.access`` and ``candidates.selectors``.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

FRAMEWORK = [
    ("skills", "competencycategory"),
    ("skills", "competency"),
    ("skills", "competencylevelindicator"),
    ("skills", "learningresource"),
    ("roles", "role"),
    ("roles", "rolerequirement"),
    ("roles", "promotionpath"),
]
RECRUITING = [
    ("candidates", "candidate"),
    ("candidates", "opening"),
    ("candidates", "assessment"),
    ("candidates", "fitsnapshot"),
]


def create_groups(apps, schema_editor):
    # Permissions are normally created after migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def perms(models, actions):
        wanted = [f"{action}_{model}" for _, model in models for action in actions]
        return Permission.objects.filter(
            content_type__app_label__in={app for app, _ in models}, codename__in=wanted
        )

    every = ("add", "change", "delete", "view")
    hr, _ = Group.objects.get_or_create(name="HR")
    hr.permissions.set(list(perms(FRAMEWORK, every)) + list(perms(RECRUITING, every)))

    recruiter, _ = Group.objects.get_or_create(name="Recruiter")
    recruiter.permissions.set(
        list(perms(FRAMEWORK, ("view",)))
        + list(perms([("candidates", "candidate")], ("add", "change", "view")))
        + list(perms([("candidates", "assessment")], ("add", "view")))
        + list(perms([("candidates", "opening")], ("change", "view")))
        + list(perms([("candidates", "fitsnapshot")], ("view",)))
    )

    viewer, _ = Group.objects.get_or_create(name="Viewer")
    viewer.permissions.set(list(perms(FRAMEWORK, ("view",))))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["HR", "Recruiter", "Viewer"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0001_initial"),
        ("roles", "0001_initial"),
        ("skills", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
