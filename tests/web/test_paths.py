from __future__ import annotations

import pytest

from mercato.web.paths import PathCanon

canon = PathCanon(
    [
        "/v1/me/spendingaccounts",
        "/v1/me/spendingaccounts/{spendingAccountID:str}",
        "/v1/buyers/{buyerID:str}/apiclients/assignments/{apiClientID:str}",
        "/v1/me/products/{productID:str}",
        "/v1/me/products/{productID:str}/specs",
        "/v1/priceschedules/{priceScheduleID:str}/PriceBreaks",
        "/health",
    ]
)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/v1/me/spendingAccounts", "/v1/me/spendingaccounts"),
        ("/V1/ME/SPENDINGACCOUNTS/AbC", "/v1/me/spendingaccounts/AbC"),
        ("/v1/buyers/B1/ApiClients/Assignments/Client-X", "/v1/buyers/B1/apiclients/assignments/Client-X"),
        ("/v1/priceschedules/PS/pricebreaks", "/v1/priceschedules/PS/PriceBreaks"),
        ("/v1/me/products/Specs", "/v1/me/products/Specs"),
        ("/v1/me/products/SPECS/Specs", "/v1/me/products/SPECS/specs"),
        ("/Health", "/health"),
        ("/v1/unknown/Thing", "/v1/unknown/Thing"),
        ("/v1/me/spendingaccounts/a/b", "/v1/me/spendingaccounts/a/b"),
    ],
)
def test_literal_segments_fold_case_and_ids_do_not(path: str, expected: str) -> None:
    assert canon.canonical(path) == expected
