"""Pages for the competency library: categories, competency pages, the learning resources, and
HR's editing of competencies, categories and resources (through ``skills.services``)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.views.generic import TemplateView

from careerpath.pages import (
    FrameworkEditorMixin,
    FrameworkReaderMixin,
    ServiceFormMixin,
    add_service_errors,
)
from skills import selectors, services
from skills.forms import INDICATOR_FIELDS, CategoryForm, CompetencyForm, LearningResourceForm
from skills.models import Competency, CompetencyCategory, LearningResource, ProficiencyLevel


def competency_or_404(slug: str) -> Competency:
    try:
        return selectors.competency_detail(slug)
    except Competency.DoesNotExist:
        raise Http404("No such competency.") from None


def category_or_404(slug: str) -> CompetencyCategory:
    try:
        return selectors.category_detail(slug)
    except CompetencyCategory.DoesNotExist:
        raise Http404("No such category.") from None


def learning_resource_or_404(slug: str) -> LearningResource:
    try:
        return selectors.learning_resource_detail(slug)
    except LearningResource.DoesNotExist:
        raise Http404("No such learning resource.") from None


class CompetencyLibraryView(FrameworkReaderMixin, TemplateView):
    template_name = "skills/competency_list.html"
    nav_section = "skills"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        search = self.request.GET.get("q", "").strip()
        categories = list(selectors.competency_library(search=search))
        shown = [c for c in categories if c.competencies.all()] if search else categories
        context.update(
            categories=shown,
            search=search,
            match_count=sum(len(c.competencies.all()) for c in categories),
        )
        return context


class CompetencyDetailView(FrameworkReaderMixin, TemplateView):
    template_name = "skills/competency_detail.html"
    nav_section = "skills"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        competency = competency_or_404(self.kwargs["slug"])
        by_level = {indicator.level: indicator for indicator in competency.indicators.all()}
        context.update(
            competency=competency,
            levels=[(level, by_level.get(level.value)) for level in ProficiencyLevel],
            requirements=list(competency.requirements.all()),
            resources=list(competency.learning_resources.all()),
        )
        return context


class CompetencyEditView(FrameworkEditorMixin, ServiceFormMixin, TemplateView):
    """Create (no slug) or edit a competency and its five level indicators, as one save;
    ``?category=<id>`` preselects the category of a new one."""

    template_name = "skills/competency_form.html"
    nav_section = "skills"
    object_name = "competency"
    noun = "Competency"

    def get_object(self) -> Competency | None:
        return competency_or_404(self.kwargs["slug"]) if "slug" in self.kwargs else None

    def build_form(self, obj: Competency | None, data: Any = None) -> CompetencyForm:
        if data is not None:
            return CompetencyForm(data)
        initial = CompetencyForm.initial_for(obj) if obj else {}
        if obj is None and self.request.GET.get("category"):
            initial["category"] = self.request.GET["category"]
        return CompetencyForm(initial=initial)

    def save(self, form: CompetencyForm, obj: Competency | None) -> Competency:
        arguments = form.service_arguments()
        if obj is None:
            return services.competency_create(**arguments)
        return services.competency_update(
            competency=obj, expected_version=self.expected_version, **arguments
        )

    def add_errors(self, form: CompetencyForm, error: ValidationError) -> None:
        add_service_errors(form, error, {"indicators": INDICATOR_FIELDS[1]})

    def success_url(self, saved: Competency) -> str:
        return reverse("skills:detail", args=[saved.slug])


class CategoryEditView(FrameworkEditorMixin, ServiceFormMixin, TemplateView):
    """Create (no slug) or edit a competency category."""

    template_name = "skills/category_form.html"
    nav_section = "skills"
    object_name = "category"
    noun = "Category"

    def get_object(self) -> CompetencyCategory | None:
        return category_or_404(self.kwargs["slug"]) if "slug" in self.kwargs else None

    def build_form(self, obj: CompetencyCategory | None, data: Any = None) -> CategoryForm:
        if obj is not None:
            return CategoryForm(data, initial=CategoryForm.initial_for(obj))
        return CategoryForm(data, initial={"position": selectors.next_category_position()})

    def save(self, form: CategoryForm, obj: CompetencyCategory | None) -> CompetencyCategory:
        fields = dict(form.cleaned_data)
        if obj is None:
            return services.category_create(**fields)
        return services.category_update(category=obj, **fields)

    def success_url(self, saved: CompetencyCategory) -> str:
        return reverse("skills:list") + f"#{saved.slug}"


class LearningResourceListView(FrameworkReaderMixin, TemplateView):
    template_name = "skills/resource_list.html"
    nav_section = "skills"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["resources"] = list(selectors.learning_resource_list())
        return context


class LearningResourceEditView(FrameworkEditorMixin, ServiceFormMixin, TemplateView):
    """Create (no slug) or edit a learning resource with the competencies it develops;
    ``?competency=<slug>`` ticks one competency on a new resource."""

    template_name = "skills/resource_form.html"
    nav_section = "skills"
    object_name = "resource"
    noun = "Learning resource"

    def get_object(self) -> LearningResource | None:
        return learning_resource_or_404(self.kwargs["slug"]) if "slug" in self.kwargs else None

    def build_form(self, obj: LearningResource | None, data: Any = None) -> LearningResourceForm:
        if obj is not None:
            return LearningResourceForm(data, initial=LearningResourceForm.initial_for(obj))
        initial: dict[str, Any] = {}
        if self.request.GET.get("competency"):
            initial["competencies"] = list(
                Competency.objects.filter(slug=self.request.GET["competency"]).values_list(
                    "pk", flat=True
                )
            )
        return LearningResourceForm(data, initial=initial)

    def save(self, form: LearningResourceForm, obj: LearningResource | None) -> LearningResource:
        fields = form.service_arguments()
        if obj is None:
            return services.learning_resource_create(**fields)
        return services.learning_resource_update(
            resource=obj, expected_version=self.expected_version, **fields
        )

    def success_url(self, saved: LearningResource) -> str:
        return reverse("learning:list") + f"#{saved.slug}"
