from django.contrib import admin

from careerpath.admin_history import GuardedHistoryAdmin
from skills.models import (
    Competency,
    CompetencyCategory,
    CompetencyLevelIndicator,
    LearningResource,
    ResourceCompetency,
)


class CompetencyInline(admin.TabularInline):
    model = Competency
    fields = ("name", "slug")
    extra = 0
    show_change_link = True


@admin.register(CompetencyCategory)
class CompetencyCategoryAdmin(GuardedHistoryAdmin):
    list_display = ("name", "slug", "position")
    list_editable = ("position",)
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [CompetencyInline]


class IndicatorInline(admin.TabularInline):
    model = CompetencyLevelIndicator
    extra = 0
    max_num = 5


@admin.register(Competency)
class CompetencyAdmin(GuardedHistoryAdmin):
    list_display = ("name", "slug", "category")
    list_filter = ("category",)
    search_fields = ("name", "slug", "description")
    list_select_related = ("category",)
    prepopulated_fields = {"slug": ("name",)}
    inlines = [IndicatorInline]
    version_covers = (CompetencyLevelIndicator,)


class ResourceCompetencyInline(admin.TabularInline):
    """Each competency the resource develops, with the level it takes a learner up to."""

    model = ResourceCompetency
    fields = ("competency", "raises_to")
    autocomplete_fields = ("competency",)
    extra = 0


@admin.register(LearningResource)
class LearningResourceAdmin(GuardedHistoryAdmin):
    list_display = ("title", "kind", "provider", "duration_weeks")
    list_filter = ("kind", "competencies__category")
    search_fields = ("title", "slug", "provider", "description")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [ResourceCompetencyInline]
