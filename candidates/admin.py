"""Admin for recruiting. Querysets come from the access selectors, writes go through services,
so a recruiter in the admin sees and changes exactly what they could elsewhere."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from simple_history.models import HistoricalRecords
from simple_history.template_utils import HistoricalRecordContextHelper

from candidates import erasure, selectors, services
from candidates.models import Assessment, Candidate, ErasureRecord, FitSnapshot, Opening
from candidates.scoring import RoleNotScorable
from careerpath import access
from careerpath.admin_history import GuardedHistoryAdmin, ObjectsOutOfReachAre404
from careerpath.admin_services import saved_as, service_fields

ADMIN_REASON = "Deleted in the admin"


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
        fields = service_fields(form, services.CANDIDATE_FIELDS)
        if change:
            # From the stored row: the form has already set its values on ``obj``, and the
            # service compares before and after (a change of years or role rescores).
            # The form's clean() checked the version under the row lock; the service writes
            # only what changed and raises the version only then.
            services.candidate_update(
                candidate=Candidate.objects.get(pk=obj.pk),
                expected_version=form.cleaned_data.get("version"),
                **fields,
            )
        else:
            saved_as(obj, services.candidate_create(created_by=request.user, **fields))

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

    # Deleting a candidate is erasing them (``erasure.candidate_erase``): HR only, with a
    # reason, and their history goes too. The admin's delete page hands over to the erase page;
    # the bulk "delete selected" action is gone.
    def has_delete_permission(self, request, obj=None) -> bool:
        return access.is_hr(request.user) and super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_view(self, request, object_id, extra_context=None):
        try:
            candidate = self.get_queryset(request).get(pk=unquote(object_id))
        except (Candidate.DoesNotExist, ValueError, TypeError):
            raise Http404("No such candidate.") from None
        if not self.has_delete_permission(request, candidate):
            raise PermissionDenied
        return HttpResponseRedirect(reverse("candidates:candidate-erase", args=[candidate.pk]))

    def delete_model(self, request, obj) -> None:
        erasure.candidate_erase(candidate=obj, erased_by=request.user, reason=ADMIN_REASON)

    def delete_queryset(self, request, queryset) -> None:
        for candidate in queryset.order_by("pk"):
            self.delete_model(request, candidate)

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


HIDDEN_CANDIDATE = "a candidate you cannot see"


class VisibleCandidatesHistoryHelper(HistoricalRecordContextHelper):
    """An opening's history entry that names only the candidates the reader may see."""

    def __init__(self, *args: Any, visible: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.visible = visible

    def prepare_delta_change_value(self, change: Any, value: Any) -> Any:
        shown = super().prepare_delta_change_value(change, value)
        if change.field != "candidates":
            return shown
        return [
            candidate if getattr(candidate, "pk", None) in self.visible else HIDDEN_CANDIDATE
            for candidate in shown
        ]


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
        if db_field.name == "hiring_team":
            # The pages' and the API's picker: only users who may sit on a team.
            kwargs["queryset"] = selectors.hiring_team_choices()
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def set_history_delta_changes(self, request, historical_records, **kwargs) -> None:
        # The opening's history names every candidate ever on it; a recruiter may no longer see
        # some of them (removed from the opening, or the recruiter left their other openings).
        # Those are shown as "a candidate you cannot see" (one query for the page's records).
        through = HistoricalRecords.m2m_models[Opening._meta.get_field("candidates")]
        named = through.objects.filter(
            history_id__in=[record.history_id for record in historical_records]
        ).values("candidate_id")
        request._visible_candidate_ids = set(
            selectors.candidates_visible_to(request.user)
            .filter(pk__in=named)
            .values_list("pk", flat=True)
        )
        super().set_history_delta_changes(request, historical_records, **kwargs)

    def get_historical_record_context_helper(self, request, historical_record):
        return VisibleCandidatesHistoryHelper(
            self.model, historical_record, visible=request._visible_candidate_ids
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)

        class OpeningAdminForm(form):  # type: ignore[valid-type, misc]
            def clean(self) -> dict:
                cleaned = super().clean()
                if "hiring_team" in cleaned:
                    try:
                        services.hiring_team_check(list(cleaned["hiring_team"]))
                    except ValidationError as error:
                        self.add_error(None, error)
                return cleaned

        return OpeningAdminForm

    def save_model(self, request, obj, form, change) -> None:
        # One service call with the members too (they feed the stored scores); save_related
        # then has no many-to-many left to save.
        fields = service_fields(form, services.OPENING_FIELDS)
        members = service_fields(form, ("hiring_team", "candidates"))
        if change:
            services.opening_update(
                opening=Opening.objects.get(pk=obj.pk),
                expected_version=form.cleaned_data.get("version"),
                **members,
                **fields,
            )
        else:
            saved_as(obj, services.opening_create(created_by=request.user, **members, **fields))

    def save_related(self, request, form, formsets, change) -> None:
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


@admin.register(FitSnapshot)
class FitSnapshotAdmin(ObjectsOutOfReachAre404, admin.ModelAdmin):
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


@admin.register(ErasureRecord)
class ErasureRecordAdmin(admin.ModelAdmin):
    """What remains of erased candidates: HR reads it; nobody edits it (only
    ``erasure.candidate_erase`` writes it)."""

    list_display = ("candidate_id", "erased_at", "erased_by", "reason", "removed_total")
    list_select_related = ("erased_by",)
    readonly_fields = ("candidate_id", "erased_at", "erased_by", "reason", "removed")

    def has_module_permission(self, request) -> bool:
        return access.is_hr(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return access.is_hr(request.user)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
