"""``/api/v1/auth/token/``: how an integration gets, rotates and revokes its token.

* ``POST auth/token/`` with ``{"username", "password"}`` → ``{"token", "created"}``. No
  authentication is read (a stale ``Authorization`` header must not stand in the way); each
  call is a password guess, so it has its own throttle scope (``API_THROTTLE_TOKEN`` per
  address) on top of the lockout.
* ``POST auth/token/rotate/`` (authenticated) → a new token; the old key stops working.
* ``DELETE auth/token/`` (authenticated) → 204; the key stops working.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle
from rest_framework.views import APIView

from careerpath.api.fields import StrictCharField
from careerpath.api.serializers import StrictSerializer
from careerpath.api.tokens import token_obtain, token_revoke, token_rotate, user_for_password
from careerpath.api.views import ApiViewMixin

WRONG_CREDENTIALS = "No active account with this username and password."


class CredentialsSerializer(StrictSerializer):
    username = StrictCharField(max_length=150)
    password = StrictCharField(max_length=4096, trim_whitespace=False)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(source="key", help_text="Send as `Authorization: Token <token>`.")
    created = serializers.DateTimeField()


class ObtainTokenView(ApiViewMixin, APIView):
    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    # The caller is anonymous here (no credentials are read): its own scope, and the anon rate.
    throttle_classes = [ScopedRateThrottle, AnonRateThrottle]
    throttle_scope = "auth-token"

    @property
    def excluded_error_codes(self) -> tuple[int, ...]:
        # For the schema: obtaining reads no credentials (no 401/403); nothing can conflict.
        return (409,) if self._is_revoke() else (401, 403, 409)

    @property
    def extra_error_codes(self) -> tuple[int, ...]:
        return (404,) if self._is_revoke() else ()

    @extend_schema(
        tags=["auth"],
        operation_id="auth_token_obtain",
        summary="Exchange a username and password for the user's API token",
        description=(
            "Returns the user's token, creating it if there is none. Wrong credentials are a 400; "
            "after AXES_FAILURE_LIMIT wrong passwords for one username from one address, that "
            "pair is locked out (429, `type: locked_out`, with `Retry-After`) even with the "
            "right password. Throttled per address (API_THROTTLE_TOKEN)."
        ),
        request=CredentialsSerializer,
        responses={200: TokenSerializer},
        auth=[],
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        credentials = CredentialsSerializer(data=request.data)
        credentials.is_valid(raise_exception=True)
        user = user_for_password(
            # The Django request, not DRF's wrapper: django-axes marks it when the username is
            # locked out, and its middleware then answers with the lockout response.
            request=request._request,
            username=credentials.validated_data["username"],
            password=credentials.validated_data["password"],
        )
        if user is None:
            raise exceptions.ValidationError({"non_field_errors": [WRONG_CREDENTIALS]})
        return Response(TokenSerializer(token_obtain(user=user)).data)

    @extend_schema(
        tags=["auth"],
        operation_id="auth_token_revoke",
        summary="Revoke the caller's API token",
        description="The token stops working at once. A 404 if the caller has none.",
        request=None,
        responses={204: OpenApiResponse(description="Revoked.")},
    )
    def delete(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not token_revoke(user=request.user):
            raise exceptions.NotFound("You have no API token to revoke.")
        return Response(status=status.HTTP_204_NO_CONTENT)

    def get_authenticators(self) -> list[Any]:
        # Obtaining reads no credentials but the body's; revoking needs the caller's.
        if self._is_revoke():
            return [auth() for auth in api_settings.DEFAULT_AUTHENTICATION_CLASSES]
        return []

    def get_permissions(self) -> list[Any]:
        return [IsAuthenticated()] if self._is_revoke() else [AllowAny()]

    def get_throttles(self) -> list[Any]:
        if self._is_revoke():
            return [throttle() for throttle in api_settings.DEFAULT_THROTTLE_CLASSES]
        return super().get_throttles()

    def _is_revoke(self) -> bool:
        return getattr(self.request, "method", None) == "DELETE"


class RotateTokenView(ApiViewMixin, APIView):
    permission_classes = [IsAuthenticated]
    # A session caller without a CSRF token gets 403; no body is read (no 413/415); two
    # rotations at once can collide (409).
    excluded_error_codes = (413, 415)

    @extend_schema(
        tags=["auth"],
        operation_id="auth_token_rotate",
        summary="Replace the caller's API token with a new one",
        description=(
            "Revokes the caller's current token (the one sent, if authenticated by token) and "
            "returns a new one in the same step. Send no body."
        ),
        request=None,
        responses={200: TokenSerializer},
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(TokenSerializer(token_rotate(user=request.user)).data)
