"""Pages for the competency library: categories, competency pages, the learning resources, and
HR's editing of competencies, categories and resources (through ``skills.services``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
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


class CompetencyEditView(FrameworkEditorMixin, TemplateView):
    """Create (no slug) or edit a competency and its five level indicators, as one save."""

    template_name = "skills/competency_form.html"
    nav_section = "skills"

    def get_competency(self) -> Competency | None:
        return competency_or_404(self.kwargs["slug"]) if "slug" in self.kwargs else None

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        competency = self.get_competency()
        initial = CompetencyForm.initial_for(competency) if competency else {}
        if competency is None and request.GET.get("category"):
            initial["category"] = request.GET["category"]
        form = CompetencyForm(initial=initial)
        return self.render_to_response(self.get_context_data(competency=competency, form=form))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        competency = self.get_competency()
        form = CompetencyForm(request.POST)
        if form.is_valid():
            arguments = form.service_arguments()
            try:
                if competency is None:
                    saved = services.competency_create(**arguments)
                else:
                    saved = services.competency_update(competency=competency, **arguments)
            except ValidationError as error:
                add_service_errors(form, error, {"indicators": INDICATOR_FIELDS[1]})
                competency = self.get_competency()
            else:
                messages.success(request, f"Competency “{saved.name}” saved.")
                return HttpResponseRedirect(reverse("skills:detail", args=[saved.slug]))
        return self.render_to_response(
            self.get_context_data(competency=competency, form=form), status=400
        )


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
        return services.learning_resource_update(resource=obj, **fields)

    def success_url(self, saved: LearningResource) -> str:
        return reverse("learning:list") + f"#{saved.slug}"
