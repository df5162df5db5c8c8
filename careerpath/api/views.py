"""What every API view shares: checks on the request that no serializer sees.

* Query parameters: a name the endpoint does not know is an error, not silently ignored
  (``?sorce=internal`` must not quietly return every candidate), so is a name given twice (only
  one of the values would count), and a value with a NUL or control character is refused before
  it can reach a database lookup (PostgreSQL raises on NUL).
* A body sent without a ``Content-Type``: DRF would treat it as empty and answer with "field
  required" errors; the real problem is the missing type, so the answer is 415.

The checks run after authentication and permissions, so an anonymous caller still gets 401.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, viewsets
from rest_framework.permissions import IsAuthenticated

from careerpath.api.errors import PreconditionFailed
from careerpath.api.fields import SLUG_PATTERN
from careerpath.api.filters import BoundedSearchFilter
from careerpath.api.permissions import FrameworkAccess, RecruitingAccess
from careerpath.api.preconditions import WriteCondition, etag_for, write_condition
from careerpath.text_checks import text_problem
from careerpath.versioning import StaleObject

BODY_METHODS = {"POST", "PUT", "PATCH"}
# The most values a repeatable query parameter takes (five skill conditions; the schema says so).
MAX_REPEATS = 5


class ApiViewMixin:
    """Mixed into every API view (viewsets and explicit views)."""

    #: Query parameters the view reads besides those of its ``query_serializer_class`` and, on
    #: a list, its filters, search and pagination.
    query_parameters: tuple[str, ...] = ()
    #: Query parameters that may be given more than once (each value is a condition, all of
    #: which hold), up to ``MAX_REPEATS`` times; every other one is refused when repeated.
    repeatable_query_parameters: frozenset[str] = frozenset()

    request: Any

    @property
    def filter_backends(self) -> list[type]:
        # The search parameter only where there is something to search, so the schema and the
        # query-parameter check agree.
        backends: list[type] = [DjangoFilterBackend]
        if getattr(self, "search_fields", None):
            backends.append(BoundedSearchFilter)
        return backends

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        if getattr(self, request.method.lower(), None) is None:
            return  # a method the view does not serve: the 405 says more than its parameters
        self.check_query_parameters(request)
        self.check_body_has_content_type(request)

    def accepted_query_parameters(self) -> set[str]:
        accepted = set(self.query_parameters)
        query_serializer_class = getattr(self, "query_serializer_class", None)
        if query_serializer_class is not None:
            accepted |= set(query_serializer_class().fields)
        if getattr(self, "action", None) == "list":
            filterset_class = getattr(self, "filterset_class", None)
            if filterset_class is not None:
                accepted |= set(filterset_class.base_filters)
            if getattr(self, "search_fields", None):
                accepted.add(BoundedSearchFilter.search_param)
            paginator = getattr(self, "paginator", None)
            if paginator is not None:
                accepted |= {paginator.page_query_param, paginator.page_size_query_param}
        return accepted

    def filter_names(self) -> set[str]:
        filterset_class = getattr(self, "filterset_class", None)
        # A list, and an export of one (the candidates' export filters like their list).
        if getattr(self, "action", None) not in {"list", "export"} or filterset_class is None:
            return set()
        return set(filterset_class.base_filters)

    def check_query_parameters(self, request: Any) -> None:
        accepted = self.accepted_query_parameters()
        # django-filter reads ``?source=`` as no filter at all: a client that meant to filter
        # would silently get everything.
        filters = self.filter_names()
        errors: dict[str, list[str]] = {}
        for name in request.query_params:
            problem = text_problem(name, multiline=False)
            if problem:
                errors["non_field_errors"] = [
                    f"A query parameter name is not acceptable: {problem}"
                ]
                continue
            if name not in accepted:
                listed = ", ".join(sorted(accepted)) or "none"
                errors[name] = [f"Unknown query parameter (accepted here: {listed})."]
                continue
            values = request.query_params.getlist(name)
            if name in self.repeatable_query_parameters:
                if len(values) > MAX_REPEATS:
                    errors[name] = [f"Given {len(values)} times; at most {MAX_REPEATS}."]
                    continue
            elif len(values) > 1:
                errors[name] = ["Given more than once; give it once."]
                continue
            problems = [p for p in (text_problem(v, multiline=False) for v in values) if p]
            if problems:
                errors[name] = problems[:1]
            elif name in filters and not all(values):
                errors[name] = ["Give a value, or leave the parameter out."]
        if errors:
            raise exceptions.ValidationError(errors)

    def check_body_has_content_type(self, request: Any) -> None:
        if request.method not in BODY_METHODS or request.META.get("CONTENT_TYPE"):
            return
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > 0 or request.META.get("HTTP_TRANSFER_ENCODING"):
            raise exceptions.UnsupportedMediaType(
                "", detail="A request body needs a Content-Type header: application/json."
            )


class ServiceViewSetMixin:
    """``perform_create``/``perform_update``/``perform_destroy`` hand the validated data to the
    app's services (subclasses say which), then reload the object through the view's queryset
    so the response has the same shape, and query count, as a detail read.

    Versioned objects (a ``version`` in the representation): reads and writes answer with an
    ``ETag``; updates and deletes pass the version the client names (``If-Match`` or the body's
    ``version``, see ``careerpath.api.preconditions``) to the service as ``expected_version``.
    """

    request: Any
    action: Any

    def create_with_service(self, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def update_with_service(self, instance: Any, data: dict[str, Any]) -> Any:
        """``data`` holds ``expected_version`` for a versioned object: pass it on."""
        raise NotImplementedError

    def delete_with_service(self, instance: Any, expected_version: int | None = None) -> None:
        raise NotImplementedError

    def finalize_response(self, request: Any, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        data = getattr(response, "data", None)
        if (
            self.action in {"retrieve", "create", "update", "partial_update"}
            and response.status_code in (200, 201)
            and isinstance(data, dict)
            and isinstance(data.get("version"), int)
        ):
            response["ETag"] = etag_for(data["version"])
        return response

    def conditionally(self, condition: WriteCondition, write: Any) -> Any:
        """Run ``write``; a stale version named by ``If-Match`` is 412 (from the body: 409)."""
        try:
            return write()
        except StaleObject as error:
            if condition.from_header:
                raise PreconditionFailed(" ".join(error.messages)) from None
            raise

    def reloaded(self, obj: Any) -> Any:
        # After an update a recruiter may no longer see the object (they left its hiring team):
        # answer with what was saved rather than fail.
        return self.get_queryset().filter(pk=obj.pk).first() or obj  # type: ignore[attr-defined]

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("version", None)  # nothing to compare with yet: a new object is version 1
        serializer.instance = self.reloaded(self.create_with_service(data))

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        if not hasattr(serializer.instance, "version"):
            obj = self.update_with_service(serializer.instance, data)
        else:
            condition = write_condition(self.request, data.pop("version", None))
            data["expected_version"] = condition.expected_version
            obj = self.conditionally(
                condition, lambda: self.update_with_service(serializer.instance, data)
            )
        serializer.instance = self.reloaded(obj)

    def perform_destroy(self, instance: Any) -> None:
        if not hasattr(instance, "version"):
            self.delete_with_service(instance)
            return
        condition = write_condition(self.request, None)
        self.conditionally(
            condition,
            lambda: self.delete_with_service(instance, expected_version=condition.expected_version),
        )


class NamedNotFoundMixin:
    """A 404 that names the kind of object ("No such role.") like the selectors' own."""

    def get_object(self) -> Any:
        try:
            return super().get_object()  # type: ignore[misc]
        except Http404:
            model = self.get_queryset().model  # type: ignore[attr-defined]
            raise exceptions.NotFound(f"No such {model._meta.verbose_name}.") from None


class FrameworkViewSet(
    NamedNotFoundMixin, ApiViewMixin, ServiceViewSetMixin, viewsets.ModelViewSet
):
    """CRUD on a framework object addressed by slug: any group member reads, HR writes."""

    permission_classes = [IsAuthenticated, FrameworkAccess]
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN.pattern


class RecruitingViewSet(
    NamedNotFoundMixin, ApiViewMixin, ServiceViewSetMixin, viewsets.GenericViewSet
):
    """Candidates, openings and assessments, addressed by id. ``get_queryset`` must start from
    an access selector; ``hr_only_actions`` are refused (403) to recruiters."""

    permission_classes = [IsAuthenticated, RecruitingAccess]
    lookup_value_regex = "[0-9]+"
    hr_only_actions: frozenset[str] = frozenset()
