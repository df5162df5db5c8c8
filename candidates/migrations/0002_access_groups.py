"""Create the HR, Recruiter and Viewer groups with their model permissions.

The permissions decide what each group may do in the admin; the rules of who sees which
candidate live in ``candidates.access`` and ``candidates.selectors``.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from candidates.groups import GROUP_PERMISSIONS, sync_access_groups


def create_groups(apps, schema_editor):
    # Permissions are normally created after migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_access_groups(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(GROUP_PERMISSIONS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0001_initial"),
        ("roles", "0001_initial"),
        ("skills", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
