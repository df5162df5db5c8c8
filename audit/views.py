"""``/audit/``: the audit trail page, for HR."""

from __future__ import annotations

from typing import Any

from django.views.generic import TemplateView

from audit.forms import AuditFilterForm
from audit.selectors import audit_entries, audit_rows
from careerpath import access
from careerpath.pages import FilteredListMixin, PermissionPageMixin, page_of

AUDIT_PAGE_SIZE = 50


class AuditTrailView(PermissionPageMixin, FilteredListMixin, TemplateView):
    template_name = "audit/audit_trail.html"
    nav_section = "audit"
    filter_form_class = AuditFilterForm

    def has_access(self, user: Any) -> bool:
        return access.can_read_audit(user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = self.filters()
        assert isinstance(form, AuditFilterForm)
        pages = page_of(self.request, audit_rows(form.to_filter()), per_page=AUDIT_PAGE_SIZE)
        context.update(
            pages,
            filter_form=form,
            entries=audit_entries(pages["page_obj"]),
            filtered=any(form.data.get(name) for name in form.fields),
        )
        return context
