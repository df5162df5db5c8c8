from django.contrib import admin

from careerpath.admin_history import GuardedHistoryAdmin
from careerpath.versioning import bump_versions
from roles.models import PromotionPath, Role, RoleRequirement
from roles.signals import scoring_inputs_changed


class ScoringInputsAdminMixin:
    """Edits here feed the stored scores of the role, as the role services' edits do."""

    def role_ids_of(self, obj) -> list[int]:
        return [obj.role_id] if isinstance(obj, RoleRequirement) else [obj.pk]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        self.requirements_changed(form.instance, self.role_ids_of(form.instance))

    def delete_model(self, request, obj) -> None:
        role_ids = self.role_ids_of(obj)
        super().delete_model(request, obj)
        self.requirements_changed(obj, role_ids)

    def requirements_changed(self, obj, role_ids: list[int]) -> None:
        if isinstance(obj, RoleRequirement):  # a role's requirements are part of its version
            bump_versions(Role.objects.filter(pk__in=role_ids))
        scoring_inputs_changed.send(sender=Role, role_ids=role_ids)


class RoleRequirementInline(admin.TabularInline):
    model = RoleRequirement
    extra = 0
    autocomplete_fields = ("competency",)
    fields = ("competency", "required_level", "weight", "essential")


class PathOutInline(admin.TabularInline):
    model = PromotionPath
    fk_name = "from_role"
    extra = 0
    verbose_name = "promotion path to"
    verbose_name_plural = "leads to"
    fields = ("to_role", "typical_years", "criteria")


@admin.register(Role)
class RoleAdmin(ScoringInputsAdminMixin, GuardedHistoryAdmin):
    list_display = ("title", "level", "rank", "min_years_experience")
    list_filter = ("level",)
    search_fields = ("title", "slug", "summary", "responsibilities", "kpis")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("rank",)
    inlines = [RoleRequirementInline, PathOutInline]


@admin.register(RoleRequirement)
class RoleRequirementAdmin(ScoringInputsAdminMixin, GuardedHistoryAdmin):
    list_display = ("role", "competency", "required_level", "weight", "essential")
    list_filter = ("role", "essential", "required_level", "competency__category")
    search_fields = ("role__title", "competency__name")
    list_select_related = ("role", "competency")
    autocomplete_fields = ("competency",)


@admin.register(PromotionPath)
class PromotionPathAdmin(GuardedHistoryAdmin):
    list_display = ("from_role", "to_role", "typical_years")
    list_filter = ("from_role", "to_role")
    search_fields = ("from_role__title", "to_role__title", "criteria")
    list_select_related = ("from_role", "to_role")
