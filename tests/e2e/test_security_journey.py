"""Browser journey (issue 20): an administrator enrols a TOTP authenticator at first sign-in, signs
in again with a code, and reaches the audit log (no 审计员 in the county: the sysadmin holds it)."""

from __future__ import annotations

import base64

import pytest
from django_otp.oath import TOTP

from jianfu.testing import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code(secret: str, *, later: int = 0) -> str:
    totp = TOTP(base64.b32decode(secret), step=30, t0=0, digits=6)
    totp.time = totp.time + later
    return f"{totp.token():06d}"


def test_an_administrator_enrols_a_second_factor_and_signs_in_with_it(page_for, settings):
    settings.OTP_REQUIRED_ROLES = ["sysadmin"]
    page = page_for(None)
    page.goto("/login/")
    page.fill("#id_username", "sysadmin")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/account/2fa/")
    assert page.locator(".qr svg").count() == 1
    secret = page.locator("[data-otp-secret]").inner_text().strip()
    page.fill("#id_code", _code(secret))
    page.click("button:has-text('验证并绑定')")
    page.wait_for_url(lambda url: "/account/2fa" not in url)
    assert "双因素认证已绑定" in page.content()
    page.click("nav.mainnav >> text=审计日志")
    page.wait_for_url("**/audit/")
    assert "绑定双因素认证" in page.content()

    again = page_for(None)
    again.goto("/login/")
    again.fill("#id_username", "sysadmin")
    again.fill("#id_password", PASSWORD)
    again.click("button[type=submit]")
    again.wait_for_url("**/account/2fa/verify/")
    again.fill("#id_code", _code(secret, later=30))  # the next code: a code is never accepted twice
    again.click("button:has-text('验证')")
    again.wait_for_url(lambda url: "/account/2fa" not in url)
    assert "您好" in again.locator("h1").first.inner_text()
