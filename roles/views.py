"""Pages for the career framework: the ladder, the role catalog and profiles, role comparison,
the career map with its route finder, and HR's editing of roles and promotion paths.

Access: every page needs a signed-in user who may read the framework (HR, Recruiter, Viewer);
editing pages need HR (``can_maintain_framework``). The mixins come from ``careerpath.pages``.

This app knows nothing of candidates: the career map's "for candidate" part is added by
``candidates.views.CandidateCareerMapView``, which ``careerpath/urls.py`` serves at ``map:index``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView

from careerpath.pages import (
    FilteredListMixin,
    FrameworkEditorMixin,
    FrameworkReaderMixin,
    ServiceFormMixin,
    add_service_errors,
)
from roles import selectors, services
from roles.forms import (
    PromotionPathForm,
    RequirementFormSet,
    RoleComparisonForm,
    RoleFilterForm,
    RoleForm,
    RouteFinderForm,
    grouped_competency_choices,
    requirement_initial,
)
from roles.models import Level, PromotionPath, Role
from skills.selectors import learning_resources_for


def role_or_404(slug: str) -> Role:
    try:
        return selectors.role_detail(slug)
    except Role.DoesNotExist:
        raise Http404("No such role.") from None


# --- Reading --------------------------------------------------------------------------------


class HomeView(FrameworkReaderMixin, TemplateView):
    template_name = "home.html"
    nav_section = "home"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        roles = list(selectors.role_list())
        paths = list(selectors.promotion_path_list())
        paths_up_from: dict[int, list[PromotionPath]] = {}
        for path in paths:
            paths_up_from.setdefault(path.from_role.rank, []).append(path)
        rungs = []
        for rank, level in reversed(list(enumerate(Level, start=1))):
            rungs.append(
                {
                    "rank": rank,
                    "label": level.label,
                    "roles": [role for role in roles if role.rank == rank],
                    # Paths that climb out of this level, drawn between it and the rung above.
                    "paths_up": [p for p in paths_up_from.get(rank, []) if p.to_role.rank > rank],
                }
            )
        context.update(rungs=rungs, role_count=len(roles), path_count=len(paths))
        return context


class RoleListView(FrameworkReaderMixin, FilteredListMixin, TemplateView):
    template_name = "roles/role_list.html"
    nav_section = "roles"
    filter_form_class = RoleFilterForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = self.filters()
        search = form.cleaned_data.get("q", "")
        level = form.cleaned_data.get("level", "")
        context.update(
            filter_form=form,
            roles=selectors.role_list(search=search, level=level),
            search=search,
            level=level,
            levels=Level.choices,
            filtered=bool(search or level),
        )
        return context


class RoleDetailView(FrameworkReaderMixin, TemplateView):
    template_name = "roles/role_detail.html"
    nav_section = "roles"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        role = role_or_404(self.kwargs["slug"])
        requirements = list(role.requirements.all())
        groups: dict[str, list] = {}
        for req in sorted(
            requirements,
            key=lambda r: (r.competency.category.position, r.competency.category.name),
        ):
            groups.setdefault(req.competency.category.name, []).append(req)
        required_ids = {req.competency_id for req in requirements}
        resources = [
            {
                "resource": resource,
                "develops": [c for c in resource.competencies.all() if c.pk in required_ids],
            }
            for resource in learning_resources_for(required_ids)
        ]
        context.update(
            role=role,
            requirement_groups=groups.items(),
            requirement_count=len(requirements),
            essential_count=sum(1 for req in requirements if req.essential),
            resources=resources,
            paths_out=list(role.paths_out.all()),
            paths_in=list(role.paths_in.all()),
            changes=selectors.role_recent_changes(role, limit=10),
        )
        return context


class RoleCompareView(FrameworkReaderMixin, TemplateView):
    template_name = "roles/role_compare.html"
    nav_section = "roles"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = RoleComparisonForm(self.request.GET or None)
        comparison = None
        if form.is_bound and form.is_valid():
            roles = {
                role.slug: role
                for role in selectors.roles_with_requirements().filter(
                    slug__in=[form.cleaned_data["a"], form.cleaned_data["b"]]
                )
            }
            from_role, to_role = roles[form.cleaned_data["a"]], roles[form.cleaned_data["b"]]
            if from_role.pk == to_role.pk:
                form.add_error("b", "Choose a different role to compare with.")
            else:
                comparison = selectors.compare_roles(from_role, to_role)
        context.update(form=form, comparison=comparison)
        if comparison is not None:
            context["kinds"] = [
                ("added", "New requirements", comparison.of_kind("added")),
                ("raised", "Raised", comparison.of_kind("raised")),
                ("lowered", "Lowered", comparison.of_kind("lowered")),
                ("dropped", "No longer required", comparison.of_kind("dropped")),
            ]
            context["unchanged"] = comparison.of_kind("unchanged")
            context["years_delta"] = (
                comparison.to_role.min_years_experience - comparison.from_role.min_years_experience
            )
        return context


@dataclass(frozen=True)
class RoleRoute:
    """A route between two roles, shaped like ``candidates.selectors.CandidateRoute`` (which
    adds a candidate and their gaps at each step) so one template shows either."""

    route: selectors.CareerRoute
    candidate: None = None
    gaps_by_step: list[Any] = field(default_factory=list)


class CareerMapView(FrameworkReaderMixin, TemplateView):
    """The ladder as a map, with a route finder between two roles. ``route_candidates`` and
    ``find_route`` are where a subclass adds a candidate's view of the route."""

    template_name = "roles/career_map.html"
    nav_section = "map"

    def route_candidates(self) -> QuerySet | None:
        """Whom the route finder may show gaps for; None leaves the choice out."""
        return None

    def find_route(self, *, start: Role | None, target: Role, candidate: Any) -> Any:
        assert start is not None  # the form requires a start when no candidate is offered
        return RoleRoute(route=selectors.career_route(start, target))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        candidates = self.route_candidates()
        form = RouteFinderForm(self.request.GET or None, candidates=candidates)
        result = None
        if form.is_bound and form.is_valid():
            slugs = [s for s in (form.cleaned_data["start"], form.cleaned_data["target"]) if s]
            roles = {role.slug: role for role in Role.objects.filter(slug__in=slugs)}
            start = roles.get(form.cleaned_data["start"]) if form.cleaned_data["start"] else None
            result = self.find_route(
                start=start,
                target=roles[form.cleaned_data["target"]],
                candidate=form.cleaned_data["candidate_obj"],
            )
        context.update(
            form=form,
            result=result,
            steps=route_steps(result),
            roles=selectors.role_list(),
            paths=list(selectors.promotion_path_list()),
        )
        return context


def route_steps(result: Any) -> list[tuple[Any, Any]]:
    """(step, the candidate's gaps at that step or None) pairs of a ``CandidateRoute``."""
    if result is None:
        return []
    steps = result.route.steps
    gaps = result.gaps_by_step if result.candidate is not None else [None] * len(steps)
    return list(zip(steps, gaps, strict=True))


# --- Editing (HR) ---------------------------------------------------------------------------


class RoleEditView(FrameworkEditorMixin, ServiceFormMixin, TemplateView):
    """Create (no slug) or edit a role together with its requirement set, as one save."""

    template_name = "roles/role_form.html"
    nav_section = "roles"
    object_name = "role"
    noun = "Role"
    requirement_errors: list[str] = []

    def get_object(self) -> Role | None:
        return role_or_404(self.kwargs["slug"]) if "slug" in self.kwargs else None

    def build_form(self, obj: Role | None, data: Any = None) -> RoleForm:
        return RoleForm(data, initial=RoleForm.initial_for(obj) if obj else {"level": "staff"})

    def build_formset(self, obj: Role | None, data: Any = None) -> RequirementFormSet:
        return RequirementFormSet(
            data,
            initial=requirement_initial(obj) if obj else None,
            prefix="requirements",
            form_kwargs={"competency_choices": grouped_competency_choices()},
        )

    def save(self, form: RoleForm, obj: Role | None) -> Role:
        requirements = self.formset.requirement_inputs()  # type: ignore[union-attr]
        if obj is None:
            return services.role_create(requirements=requirements, **form.cleaned_data)
        return services.role_update(
            role=obj,
            requirements=requirements,
            expected_version=self.expected_version,
            **form.cleaned_data,
        )

    def add_errors(self, form: RoleForm, error: ValidationError) -> None:
        """Requirement-set errors go above the requirement rows, the rest beside the fields."""
        if hasattr(error, "error_dict"):
            by_field = dict(error.message_dict)
            self.requirement_errors = by_field.pop("requirements", [])
            if by_field:
                add_service_errors(form, ValidationError(by_field))
        else:
            add_service_errors(form, error)

    def success_url(self, saved: Role) -> str:
        return reverse("roles:detail", args=[saved.slug])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["requirement_errors"] = self.requirement_errors
        return context


class RoleDeleteView(FrameworkEditorMixin, TemplateView):
    template_name = "roles/role_confirm_delete.html"
    nav_section = "roles"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["role"] = role_or_404(self.kwargs["slug"])
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        role = role_or_404(self.kwargs["slug"])
        try:
            services.role_delete(role=role)
        except ValidationError as error:
            context = self.get_context_data(error=" ".join(error.messages))
            return self.render_to_response(context, status=400)
        messages.success(request, f"Role “{role.title}” deleted.")
        return HttpResponseRedirect(reverse("roles:list"))


class PromotionPathEditView(FrameworkEditorMixin, ServiceFormMixin, TemplateView):
    """Create a promotion path (``?from_role=<slug>&to_role=<slug>`` preselects the roles) or
    edit one."""

    template_name = "roles/path_form.html"
    nav_section = "map"
    object_name = "path"
    noun = "Promotion path"

    def get_object(self) -> PromotionPath | None:
        if "pk" not in self.kwargs:
            return None
        return get_object_or_404(
            PromotionPath.objects.select_related("from_role", "to_role"), pk=self.kwargs["pk"]
        )

    def build_form(self, obj: PromotionPath | None, data: Any = None) -> PromotionPathForm:
        if data is not None:
            return PromotionPathForm(data)
        initial = PromotionPathForm.initial_for(obj) if obj else {}
        for key in ("from_role", "to_role"):
            if obj is None and self.request.GET.get(key):
                role = Role.objects.filter(slug=self.request.GET[key]).first()
                if role:
                    initial[key] = role.pk
        return PromotionPathForm(initial=initial)

    def save(self, form: PromotionPathForm, obj: PromotionPath | None) -> PromotionPath:
        if obj is None:
            return services.promotion_path_create(**form.cleaned_data)
        return services.promotion_path_update(
            path=obj, expected_version=self.expected_version, **form.cleaned_data
        )

    def success_url(self, saved: PromotionPath) -> str:
        return reverse("map:index") + "#paths"


class PromotionPathDeleteView(FrameworkEditorMixin, TemplateView):
    template_name = "roles/path_confirm_delete.html"
    nav_section = "map"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["path"] = get_object_or_404(
            PromotionPath.objects.select_related("from_role", "to_role"), pk=self.kwargs["pk"]
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        path = get_object_or_404(PromotionPath, pk=self.kwargs["pk"])
        label = str(path)
        try:
            services.promotion_path_delete(path=path)
        except ValidationError as error:  # deleted by someone else a moment ago
            context = self.get_context_data(error=" ".join(error.messages))
            return self.render_to_response(context, status=409)
        messages.success(request, f"Promotion path “{label}” deleted.")
        return HttpResponseRedirect(reverse("map:index") + "#paths")
