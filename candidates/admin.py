"""Admin for recruiting. Querysets come from the access selectors, writes go through services,
so a recruiter in the admin sees and changes exactly what they could elsewhere."""

from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html, format_html_join

from candidates import selectors, services
from candidates.models import Assessment, Candidate, FitSnapshot, Opening
from candidates.scoring import RoleNotScorable
from careerpath import access
from careerpath.admin_history import GuardedHistoryAdmin


class AssessmentInline(admin.TabularInline):
    model = Assessment
    fields = ("competency", "level", "assessed_at", "evidence", "assessor")
    readonly_fields = ("assessor",)
    autocomplete_fields = ("competency",)
    extra = 1
    can_delete = False  # assessments are history

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # add new ones instead of rewriting the past


@admin.register(Candidate)
class CandidateAdmin(GuardedHistoryAdmin):
    list_display = ("name", "email", "source", "current_role", "years_experience")
    list_filter = ("source", "current_role")
    search_fields = ("name", "email", "notes")
    list_select_related = ("current_role",)
    readonly_fields = ("created_by", "fit_for_openings")
    inlines = [AssessmentInline]

    def get_queryset(self, request):
        return selectors.candidates_visible_to(request.user).select_related("current_role")

    def has_module_permission(self, request) -> bool:
        return access.can_work_with_candidates(request.user)

    def save_model(self, request, obj, form, change) -> None:
        if change:
            # ``obj`` already holds the form's values: the service compares them with the row
            # as saved, to write only what changed (the form's clean() checked the version).
            services.candidate_update(
                candidate=Candidate.objects.get(pk=obj.pk),
                expected_version=form.cleaned_data.get("version"),
                **{f: getattr(obj, f) for f in services.CANDIDATE_FIELDS},
            )
        else:
            obj.created_by = request.user
            super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is not Assessment:
            return super().save_formset(request, form, formset, change)
        for assessment in formset.save(commit=False):
            services.assessment_create(
                candidate=form.instance,
                competency=assessment.competency,
                level=assessment.level,
                evidence=assessment.evidence,
                assessed_at=assessment.assessed_at,
                assessor=request.user,
            )
        return None

    @admin.display(description="Fit for the roles of their openings")
    def fit_for_openings(self, obj: Candidate) -> str:
        if obj.pk is None:
            return "—"
        rows = []
        for opening in obj.openings.select_related("role"):
            try:
                result = selectors.candidate_fit(obj, opening.role)
            except RoleNotScorable as error:
                rows.append((opening.role.title, error.messages[0], ""))
                continue
            verdict = "eligible" if result.eligible else "not eligible"
            reasons = "; ".join(reason.message for reason in result.reasons)
            rows.append((opening.role.title, f"{result.fit}% — {verdict}", reasons))
        if not rows:
            return "Not on any opening yet."
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li><b>{}</b>: {} <small>{}</small></li>", rows),
        )


@admin.register(Assessment)
class AssessmentAdmin(GuardedHistoryAdmin):
    list_display = ("candidate", "competency", "level", "assessed_at", "assessor")
    list_filter = ("level", "competency__category")
    search_fields = ("candidate__name", "competency__name", "evidence")
    list_select_related = ("candidate", "competency", "assessor")
    autocomplete_fields = ("competency",)
    readonly_fields = ("assessor",)

    def get_queryset(self, request):
        return selectors.assessments_visible_to(request.user)

    def has_module_permission(self, request) -> bool:
        return access.can_work_with_candidates(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "candidate":
            kwargs["queryset"] = selectors.candidates_visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change) -> None:
        created = services.assessment_create(
            candidate=obj.candidate,
            competency=obj.competency,
            level=obj.level,
            evidence=obj.evidence,
            assessed_at=obj.assessed_at,
            assessor=request.user,
        )
        obj.pk = created.pk


@admin.register(Opening)
class OpeningAdmin(GuardedHistoryAdmin):
    list_display = ("title", "role", "status", "created_at")
    list_filter = ("status", "role")
    search_fields = ("title",)
    list_select_related = ("role",)
    filter_horizontal = ("hiring_team", "candidates")

    def get_queryset(self, request):
        return selectors.openings_visible_to(request.user).select_related("role")

    def has_module_permission(self, request) -> bool:
        return access.can_work_with_candidates(request.user)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "candidates":
            kwargs["queryset"] = selectors.candidates_visible_to(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change) -> None:
        # Who is on the opening feeds the stored scores, as when the services change it.
        before = set(form.instance.candidates.values_list("pk", flat=True)) if change else set()
        super().save_related(request, form, formsets, change)
        after = set(form.instance.candidates.values_list("pk", flat=True))
        touched = before | after if "role" in form.changed_data else before ^ after
        services.scores_inputs_changed(candidate_ids=touched)


@admin.register(FitSnapshot)
class FitSnapshotAdmin(admin.ModelAdmin):
    list_display = ("candidate", "role", "fit", "eligible", "shortfall", "recorded_at")
    list_filter = ("role", "eligible")
    list_select_related = ("candidate", "role")

    def get_queryset(self, request):
        return FitSnapshot.objects.filter(
            candidate__in=selectors.candidates_visible_to(request.user)
        )

    def has_module_permission(self, request) -> bool:
        return access.can_work_with_candidates(request.user)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
