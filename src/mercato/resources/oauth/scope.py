"""Which roles a token gets (docs/decisions/0007-tokens.md):

1. the user's available roles: the union of their security profiles (API roles and custom roles);
2. ``scope`` asks for some of them: granted = requested ∩ available, or everything available when nothing is
   requested; a user holding FullAccess may ask for any API role;
3. the API client's MaximumGranted* lists cap the result (FullAccess held expands to the whole list);
4. the API client's MinimumRequired* lists must all be granted, else the login fails (Auth.InsufficientRoles).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from mercato.auth.roles import Role, split_roles
from mercato.errors import ErrorCode, OAuthError

IGNORED_SCOPE_WORDS = frozenset({"undefined", "null", ""})
"""The JS SDK sends ``scope=undefined CustomRole`` when it has custom roles but no roles."""


def requested_roles(scope: str) -> list[str]:
    return [word for word in scope.split() if word not in IGNORED_SCOPE_WORDS]


def granted_roles(
    available_roles: frozenset[str],
    available_custom: frozenset[str],
    requested: Sequence[str],
    *,
    maximum_roles: Iterable[str] = (),
    maximum_custom: Iterable[str] = (),
    minimum_roles: Iterable[str] = (),
    minimum_custom: Iterable[str] = (),
) -> list[str]:
    full = Role.FullAccess.value in available_roles
    if requested:
        asked_api, asked_custom = split_roles(requested)
        api = {role.value for role in asked_api if full or role.value in available_roles}
        custom = set(asked_custom & available_custom)
    else:
        api, custom = set(available_roles), set(available_custom)
    maximum = set(maximum_roles)
    if maximum:
        holds_all = Role.FullAccess.value in api
        api = {role for role in maximum if holds_all or role in api}
    maximum_c = set(maximum_custom)
    if maximum_c:
        custom &= maximum_c
    missing = [r for r in minimum_roles if r not in api and Role.FullAccess.value not in api]
    missing += [r for r in minimum_custom if r not in custom]
    if missing:
        raise OAuthError(
            "invalid_grant",
            ErrorCode.AUTH_INSUFFICIENT_ROLES,
            "The user lacks roles this API client requires",
            {"MissingRoles": sorted(missing)},
        )
    return sorted(api) + sorted(custom)
