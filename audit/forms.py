from __future__ import annotations

from typing import Any

from django import forms

from audit.selectors import ACTIONS, AuditFilter, audit_users, object_type_choices
from careerpath.pages import IdChoiceField, PageForm


class AuditFilterForm(PageForm):
    """The audit page's filters (``?object_type=&user=&action=&since=&until=``)."""

    object_type = forms.ChoiceField(label="Kind of object", required=False)
    user = IdChoiceField(label="Changed by", required=False, queryset=audit_users())
    action = forms.ChoiceField(
        label="Action",
        required=False,
        choices=[("", "Any"), *((name, name.capitalize()) for name in ACTIONS.values())],
    )
    since = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = [("", "Any"), *object_type_choices()]  # type: ignore[attr-defined]
        self.fields["user"].empty_label = "Anyone"  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", "Must be on or after the “From” day.")
        return cleaned

    def to_filter(self) -> AuditFilter:
        """The valid filters only: an invalid one is shown as an error and left out."""
        data = getattr(self, "cleaned_data", {})
        user = data.get("user")
        return AuditFilter(
            object_type=data.get("object_type") or None,
            user_id=user.pk if user is not None else None,
            action=data.get("action") or None,
            since=data.get("since"),
            until=data.get("until") if "until" not in self.errors else None,
        )
