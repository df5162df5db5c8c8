"""Learning resources develop a competency *to a level*: the plain many-to-many table becomes
the through model ``ResourceCompetency`` with ``raises_to``.

Existing links (and their history rows) are copied with the default level of the resource's
kind — a course or certificate to 3 (Practitioner), a diploma or degree to 4 (Advanced) — then
the old table is dropped. ``load_framework`` sets the framework's own levels on its next run.
Reversible: going back copies the links into the plain table and forgets the levels.
"""

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.db import migrations, models

KIND_DEFAULT_LEVEL = {"course": 3, "certificate": 3, "diploma": 4, "degree": 4}


def copy_links_forward(apps, schema_editor):
    resource_model = apps.get_model("skills", "LearningResource")
    old_through = resource_model.competencies.through
    new_through = apps.get_model("skills", "ResourceCompetency")
    kinds = dict(resource_model.objects.values_list("pk", "kind"))
    new_through.objects.bulk_create(
        new_through(
            resource_id=row.learningresource_id,
            competency_id=row.competency_id,
            raises_to=KIND_DEFAULT_LEVEL.get(kinds[row.learningresource_id], 3),
        )
        for row in old_through.objects.all()
    )
    old_history = apps.get_model("skills", "HistoricalLearningResource_competencies")
    new_history = apps.get_model("skills", "HistoricalResourceCompetency")
    history_kinds = dict(
        apps.get_model("skills", "HistoricalLearningResource").objects.values_list(
            "history_id", "kind"
        )
    )
    new_history.objects.bulk_create(
        new_history(
            id=row.id,
            history_id=row.history_id,
            resource_id=row.learningresource_id,
            competency_id=row.competency_id,
            raises_to=KIND_DEFAULT_LEVEL.get(history_kinds.get(row.history_id, ""), 3),
        )
        for row in old_history.objects.all()
    )


def copy_links_backward(apps, schema_editor):
    resource_model = apps.get_model("skills", "LearningResource")
    old_through = resource_model.competencies.through
    new_through = apps.get_model("skills", "ResourceCompetency")
    old_through.objects.bulk_create(
        old_through(learningresource_id=row.resource_id, competency_id=row.competency_id)
        for row in new_through.objects.all()
    )


class Migration(migrations.Migration):

    dependencies = [
        ('skills', '0003_level_indicator_history'),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalResourceCompetency',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('raises_to', models.PositiveSmallIntegerField(choices=[(1, 'Awareness'), (2, 'Working'), (3, 'Practitioner'), (4, 'Advanced'), (5, 'Expert')], default=3, help_text='The level this resource takes the competency up to.', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)])),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('competency', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='skills.competency')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='skills.historicallearningresource')),
                ('resource', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='skills.learningresource')),
            ],
            options={
                'verbose_name': 'HistoricalResourceCompetency',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='ResourceCompetency',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('raises_to', models.PositiveSmallIntegerField(choices=[(1, 'Awareness'), (2, 'Working'), (3, 'Practitioner'), (4, 'Advanced'), (5, 'Expert')], default=3, help_text='The level this resource takes the competency up to.', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)])),
                ('competency', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='resource_levels', to='skills.competency')),
                ('resource', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='competency_levels', to='skills.learningresource')),
            ],
            options={
                'verbose_name': 'competency a resource develops',
                'ordering': ['resource', 'competency'],
            },
        ),
        migrations.AddConstraint(
            model_name='resourcecompetency',
            constraint=models.UniqueConstraint(fields=('resource', 'competency'), name='resource_competency_unique'),
        ),
        migrations.AddConstraint(
            model_name='resourcecompetency',
            constraint=models.CheckConstraint(condition=models.Q(('raises_to__gte', 1), ('raises_to__lte', 5)), name='resource_raises_to_1_to_5'),
        ),
        migrations.RunPython(copy_links_forward, copy_links_backward),
        migrations.RemoveField(model_name="learningresource", name="competencies"),
        migrations.AddField(
            model_name="learningresource",
            name="competencies",
            field=models.ManyToManyField(
                blank=True,
                related_name="learning_resources",
                through="skills.ResourceCompetency",
                to="skills.competency",
            ),
        ),
        migrations.DeleteModel(name="HistoricalLearningResource_competencies"),
    ]
