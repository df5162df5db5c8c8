"""The audit trail's query parameters and entries."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from audit.selectors import ACTIONS, AuditFilter, object_type_choices
from careerpath.api.fields import MAX_ID
from careerpath.api.serializers import StrictSerializer


class AuditQuerySerializer(StrictSerializer):
    object_type = serializers.ChoiceField(
        choices=[],
        required=False,
        help_text="The kind of object, e.g. `candidates.candidate`, `roles.role`, `auth.user`.",
    )
    user = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="Changes made by this user (id)."
    )
    action = serializers.ChoiceField(
        choices=list(ACTIONS.values()), required=False, help_text="created, changed or deleted."
    )
    since = serializers.DateField(
        required=False, help_text="From this day (YYYY-MM-DD), inclusive."
    )
    until = serializers.DateField(required=False, help_text="To this day (YYYY-MM-DD), inclusive.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The kinds are known once the apps are loaded, not when this module is imported.
        self.fields["object_type"].choices = object_type_choices()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        since, until = attrs.get("since"), attrs.get("until")
        if since and until and since > until:
            raise serializers.ValidationError({"until": ["Must be on or after `since`."]})
        return attrs

    def to_filter(self) -> AuditFilter:
        data = self.validated_data
        return AuditFilter(
            object_type=data.get("object_type"),
            user_id=data.get("user"),
            action=data.get("action"),
            since=data.get("since"),
            until=data.get("until"),
        )


class AuditChangeSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="The field, in words.")
    old = serializers.CharField(help_text="Its value before (for a list: what was removed).")
    new = serializers.CharField(help_text="Its value after (for a list: what was added).")
    members = serializers.BooleanField(
        help_text="A list of members (a hiring team, an opening's candidates, groups)."
    )


class AuditEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="history_id", help_text="The history row's id.")
    at = serializers.DateTimeField(help_text="When the change was made.")
    action = serializers.ChoiceField(choices=list(ACTIONS.values()))
    object_type = serializers.CharField()
    object_type_label = serializers.CharField()
    object_id = serializers.CharField(help_text="The changed object's id.")
    object = serializers.CharField(source="object_label", help_text="The object as it was then.")
    user = serializers.IntegerField(
        source="user_id", allow_null=True, help_text="Who made it (null: the system)."
    )
    username = serializers.CharField(source="user", help_text='A username, or "system".')
    changes = AuditChangeSerializer(
        many=True, help_text='For "changed": the fields that changed since the previous version.'
    )
    no_earlier_version = serializers.BooleanField(
        help_text='A "changed" row with no earlier version recorded to compare with.'
    )
