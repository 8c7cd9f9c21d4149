"""Every error Mercato answers with, as OrderCloud's envelope ``{"Errors": [{ErrorCode, Message, Data}]}``.

The tree (status in brackets)::

    ApiError                      any 4xx/5xx; carries one or more ErrorDetail
    ├── BadRequest          [400] a request that breaks a rule (ValidationFailure, List.*, Request.InvalidRequestBody…)
    │   ├── ValidationFailure [400] a body field of the wrong type, length or shape; Data names the field
    │   └── InvalidExpression [400] a rules-engine expression that does not compile (Expression.*); Data names
    │                               the field and the 0-based position
    ├── Unauthorized        [401] missing, expired, forged or revoked credentials
    ├── Forbidden           [403] authenticated, but without a role the operation needs
    ├── NotFound            [404] no such object, or one the caller may not see; Data = {ObjectType, ObjectID}
    ├── MethodNotAllowed    [405] the path exists, the method does not
    ├── Conflict            [409] the ID is taken (IdExists) or the write conflicts with current state
    ├── UnsupportedMediaType[415] a body that is not JSON
    ├── OAuthError      [400/401] a token request refused; adds OAuth 2.0's error/error_description
    ├── ServerError         [500] anything unexpected; the client sees a request id, never a stack trace
    └── ServiceUnavailable  [503] overloaded: no database connection came free in time; retry (Retry-After)

Services raise these; one exception handler turns them (and framework errors) into responses.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import msgspec


class ErrorCode(StrEnum):
    NOT_FOUND = "NotFound"
    VALIDATION_FAILURE = "ValidationFailure"
    SERVER_ERROR = "ServerError"
    ID_EXISTS = "IdExists"
    METHOD_NOT_ALLOWED = "Request.MethodNotAllowed"
    INVALID_REQUEST_BODY = "Request.InvalidRequestBody"
    INVALID_CONTENT_TYPE = "Request.InvalidContentType"
    LIST_INVALID_PAGE_SIZE = "List.InvalidPageSize"
    LIST_INVALID_PROPERTY = "List.InvalidProperty"
    LIST_INVALID_SEARCH_PROPERTY = "List.InvalidSearchProperty"
    LIST_INVALID_SORT_PROPERTY = "List.InvalidSortProperty"
    LIST_INVALID_TYPE = "List.InvalidType"
    AUTH_INSUFFICIENT_ROLES = "Auth.InsufficientRoles"
    AUTH_INVALID_TOKEN = "Auth.InvalidToken"
    AUTH_TOKEN_REVOKED = "Auth.TokenRevoked"
    AUTH_USER_NOT_ACTIVE = "Auth.UserNotActive"
    AUTH_CLIENT_NOT_ACTIVE = "Auth.ClientNotActive"
    AUTH_SELLER_NOT_ACTIVE = "Auth.SellerNotActive"
    AUTH_COMPANY_NOT_ACTIVE = "Auth.CompanyNotActive"
    AUTH_INVALID_CREDENTIALS = "Auth.InvalidUsernameOrPassword"
    AUTH_CREDENTIALS_REQUIRED = "Auth.UsernameAndPasswordRequired"
    AUTH_LOCKED_OUT = "Auth.LockedOut"
    AUTH_OAUTH_ERROR = "Auth.OauthError"
    AUTH_INVALID_CLIENT = "ApiClient.InvalidClientID"
    SECURITY_PROFILE_LAST_ADMIN_ACCESS = "SecurityProfile.LastAdminAccess"
    """Ours (docs/decisions/0024): the write would leave the marketplace's admin users without FullAccess."""


class ErrorDetail(msgspec.Struct, frozen=True):
    ErrorCode: str
    Message: str
    Data: Any = None


class ErrorEnvelope(msgspec.Struct, frozen=True):
    Errors: list[ErrorDetail]


class ApiError(Exception):
    """Base of the tree; ``status`` is fixed per subclass, ``errors`` holds one detail or several."""

    status: int = 500

    def __init__(self, code: str, message: str, data: Any = None, *, more: list[ErrorDetail] | None = None) -> None:
        super().__init__(message)
        self.errors = [ErrorDetail(code, message, data), *(more or [])]
        self.headers: dict[str, str] = {}

    @property
    def code(self) -> str:
        return self.errors[0].ErrorCode

    def envelope(self) -> ErrorEnvelope:
        return ErrorEnvelope(self.errors)

    def body(self) -> Any:
        """What the response carries: the envelope (OAuthError adds the OAuth 2.0 fields)."""
        return self.envelope()


class BadRequest(ApiError):
    status = 400


class ValidationFailure(BadRequest):
    """A body field or query value is missing, of the wrong type, too long or malformed; ``field`` names it."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(ErrorCode.VALIDATION_FAILURE, message, {"Field": field} if field else None)


class InvalidExpression(BadRequest):
    """A RuleExpression, EligibleExpression or ValueExpression the rules engine refused; ``code`` is its
    ``Expression.*`` code, ``position`` the 0-based offset into the field's text of what it refused."""

    def __init__(self, code: str, message: str, field: str, position: int) -> None:
        super().__init__(code, f"{field}: {message} (at position {position})", {"Field": field, "Position": position})


class Unauthorized(ApiError):
    status = 401


class Forbidden(ApiError):
    status = 403


class NotFound(ApiError):
    status = 404

    def __init__(self, object_type: str, object_id: str | None) -> None:
        message = f"{object_type} not found: {object_id}" if object_id else f"{object_type} not found"
        super().__init__(ErrorCode.NOT_FOUND, message, {"ObjectType": object_type, "ObjectID": object_id})


class MethodNotAllowed(ApiError):
    status = 405

    def __init__(self, method: str, allowed: list[str]) -> None:
        allowed = sorted(set(allowed) | {"OPTIONS"}) if allowed else []
        super().__init__(
            ErrorCode.METHOD_NOT_ALLOWED, f"Method {method} is not allowed here", {"AllowedMethods": allowed}
        )
        if allowed:
            self.headers["Allow"] = ", ".join(allowed)


class Conflict(ApiError):
    status = 409


class IdExists(Conflict):
    def __init__(self, object_type: str, object_id: str) -> None:
        super().__init__(
            ErrorCode.ID_EXISTS,
            f"{object_type} with ID {object_id} already exists",
            {"ObjectType": object_type, "ObjectID": object_id},
        )


class UnsupportedMediaType(ApiError):
    status = 415


class OAuthErrorBody(msgspec.Struct, frozen=True):
    error: str
    error_description: str
    Errors: list[ErrorDetail]


class OAuthError(ApiError):
    """A failure of the token endpoint: OAuth 2.0's ``error``/``error_description`` beside ``Errors`` (the .NET SDK
    reads the former, the JS SDK the latter). ``invalid_client`` is 401, the others 400."""

    def __init__(self, oauth_error: str, code: str, message: str, data: Any = None) -> None:
        super().__init__(code, message, data)
        self.oauth_error = oauth_error
        self.status = 401 if oauth_error == "invalid_client" else 400

    def body(self) -> Any:
        return OAuthErrorBody(self.oauth_error, self.errors[0].Message, self.errors)


class ServerError(ApiError):
    status = 500

    def __init__(self, request_id: str) -> None:
        super().__init__(
            ErrorCode.SERVER_ERROR,
            "An unexpected error occurred. Quote the request id when reporting it.",
            {"RequestID": request_id},
        )


class ServiceUnavailable(ApiError):
    """More requests than the database connections can serve waited past the pool's timeout: nothing was done,
    and the client may retry (RFC 9110 §15.6.4)."""

    status = 503

    def __init__(self, retry_after_seconds: int = 1) -> None:
        super().__init__("ServiceUnavailable", "The server is busy; retry the request shortly.")
        self.headers["Retry-After"] = str(retry_after_seconds)
