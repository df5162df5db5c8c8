"""Pages for the career framework: the ladder, the role catalog and role profiles."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.views.generic import TemplateView

from roles import selectors
from roles.models import Role


class HomeView(LoginRequiredMixin, TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["roles"] = selectors.role_list()
        context["paths"] = selectors.promotion_path_list()
        return context


class RoleListView(LoginRequiredMixin, TemplateView):
    template_name = "roles/role_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["roles"] = selectors.role_list(
            search=self.request.GET.get("q", "").strip(),
            level=self.request.GET.get("level", "").strip(),
        )
        return context


class RoleDetailView(LoginRequiredMixin, TemplateView):
    template_name = "roles/role_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            context["role"] = selectors.role_detail(self.kwargs["slug"])
        except Role.DoesNotExist:
            raise Http404("No such role.") from None
        return context
