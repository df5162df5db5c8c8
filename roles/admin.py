"""Admin for the framework's roles. Saves go through ``roles.services`` (as the pages and the API
do), so the admin cannot write what a service would refuse, and changes feed the stored scores
the same way."""

from django.contrib import admin

from careerpath.admin_history import GuardedHistoryAdmin
from careerpath.admin_services import saved_as, service_fields
from careerpath.versioning import bump_versions
from roles import services
from roles.models import PromotionPath, Role, RoleRequirement
from roles.signals import scoring_inputs_changed


class ScoringInputsAdminMixin:
    """Edits here feed the stored scores of the role, as the role services' edits do."""

    def role_ids_of(self, obj) -> list[int]:
        return [obj.role_id] if isinstance(obj, RoleRequirement) else [obj.pk]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        if form.has_changed():  # an unchanged save wrote nothing (GuardedHistoryAdmin)
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
class RoleAdmin(GuardedHistoryAdmin):
    list_display = ("title", "level", "rank", "min_years_experience")
    list_filter = ("level",)
    search_fields = ("title", "slug", "summary", "responsibilities", "kpis")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("rank",)
    inlines = [RoleRequirementInline, PathOutInline]
    version_covers = (RoleRequirement,)

    def save_model(self, request, obj, form, change) -> None:
        fields = service_fields(form, services.ROLE_FIELDS)
        if change:
            # From the stored row: the service compares the minimum years before and after.
            services.role_update(
                role=Role.objects.get(pk=obj.pk),
                expected_version=form.cleaned_data.get("version"),
                **fields,
            )
        else:
            saved_as(obj, services.role_create(**fields))
            return
        obj.refresh_from_db()

    def save_formset(self, request, form, formset, change) -> None:
        formset.save(commit=False)  # saves nothing; lists what changed for the admin's log
        role = form.instance
        kept = [
            row for row in formset.forms if row.cleaned_data and not row.cleaned_data.get("DELETE")
        ]
        if formset.model is RoleRequirement:
            # The whole set in one call, as the role page saves it (rescored once, if changed).
            services.role_set_requirements(
                role=role,
                requirements=[
                    services.RequirementInput(
                        competency=row.cleaned_data["competency"],
                        required_level=row.cleaned_data["required_level"],
                        weight=row.cleaned_data["weight"],
                        essential=row.cleaned_data["essential"],
                    )
                    for row in kept
                ],
            )
            return
        for row in formset.forms:
            path = row.instance
            if row.cleaned_data.get("DELETE") and path.pk:
                services.promotion_path_delete(path=path)
            elif row in kept and path.pk and row.has_changed():
                services.promotion_path_update(
                    path=PromotionPath.objects.get(pk=path.pk),
                    **service_fields(row, services.PATH_FIELDS),
                )
            elif row in kept and not path.pk:
                services.promotion_path_create(
                    **{**service_fields(row, services.PATH_FIELDS), "from_role": role}
                )

    def delete_model(self, request, obj) -> None:
        services.role_delete(role=obj)


@admin.register(RoleRequirement)
class RoleRequirementAdmin(ScoringInputsAdminMixin, GuardedHistoryAdmin):
    """One requirement on its own (the role's page edits them as a set): saved with the model's
    own checks, and the role's stored scores refreshed as the services do."""

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

    def save_model(self, request, obj, form, change) -> None:
        fields = service_fields(form, services.PATH_FIELDS)
        if change:
            services.promotion_path_update(
                path=PromotionPath.objects.get(pk=obj.pk),
                expected_version=form.cleaned_data.get("version"),
                **fields,
            )
        else:
            saved_as(obj, services.promotion_path_create(**fields))

    def delete_model(self, request, obj) -> None:
        services.promotion_path_delete(path=obj)
