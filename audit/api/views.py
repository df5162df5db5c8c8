"""``GET /api/v1/audit/``: the audit trail, read-only and HR's alone."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from audit import selectors
from audit.api.serializers import AuditEntrySerializer, AuditQuerySerializer
from careerpath.api.pagination import ApiPagination
from careerpath.api.permissions import AuditReader
from careerpath.api.views import ApiViewMixin


class AuditTrailView(ApiViewMixin, APIView):
    """Only GET: nothing in the app writes or deletes history (other methods are 405)."""

    permission_classes = [IsAuthenticated, AuditReader]
    query_serializer_class = AuditQuerySerializer
    pagination_class = ApiPagination  # the schema wraps the list in count/next/previous/results
    filter_backends: list[type] = []  # the filters are the query serializer's
    query_parameters = (ApiPagination.page_query_param, ApiPagination.page_size_query_param)

    @extend_schema(
        summary="The audit trail",
        description=(
            "Who created, changed or deleted what, and when — from pages, the API, the admin, "
            "imports and background tasks — newest first, paginated in the database. A "
            '"changed" entry lists the fields that changed since the previous version. '
            "`user: null` (username `system`) is a change no user made. HR only: others get "
            "403. Read-only."
        ),
        parameters=[
            AuditQuerySerializer,
            OpenApiParameter("page", int, description=ApiPagination.page_query_description),
            OpenApiParameter(
                "page_size", int, description=ApiPagination.page_size_query_description
            ),
        ],
        responses=AuditEntrySerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        params = request.query_params.copy()
        for name in self.query_parameters:  # the paginator reads and checks these
            params.pop(name, None)
        query = AuditQuerySerializer(data=params, context={"request": request})
        query.is_valid(raise_exception=True)
        paginator = self.pagination_class()
        rows = paginator.paginate_queryset(selectors.audit_rows(query.to_filter()), request, self)
        entries = selectors.audit_entries(rows or [])
        return paginator.get_paginated_response(AuditEntrySerializer(entries, many=True).data)
