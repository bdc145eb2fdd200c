"""The Content-Security-Policy forbids inline scripts, so no template may hold one (issue 20,
point 3): every <script> has a src (or is json_script data), and no element has an on…= handler."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

JIANFU = Path(__file__).resolve().parents[2]
TEMPLATES = [p for p in JIANFU.rglob("templates/**/*.html") if "/pdf/" not in str(p) and "pdf" not in p.name]
SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)
HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)


def test_no_template_has_an_inline_script_or_event_handler():
    offenders = []
    for path in TEMPLATES:
        source = path.read_text()
        for attrs in SCRIPT.findall(source):
            if "src=" not in attrs and "application/json" not in attrs:
                offenders.append(f"{path.relative_to(JIANFU)}: <script{attrs}>")
        if HANDLER.search(source):
            offenders.append(f"{path.relative_to(JIANFU)}: inline on…= handler")
    assert offenders == []


def test_the_policy_allows_no_inline_script_and_no_framing():
    policy = dict(part.strip().split(" ", 1) for part in settings.CONTENT_SECURITY_POLICY.split(";"))
    assert policy["script-src"] == "'self'"
    assert "unsafe" not in policy["style-src"] and policy["frame-ancestors"] == "'none'"


def test_every_page_carries_csp_and_permissions_policy(world, client_for):
    response = client_for("county_mzj").get("/")
    assert response["Content-Security-Policy"] == settings.CONTENT_SECURITY_POLICY
    assert "geolocation=()" in response["Permissions-Policy"]
    assert 'src="/static/js/behaviours.js"' in response.content.decode()


def test_a_download_keeps_its_own_sandboxing_policy(rf):
    from django.http import HttpResponse

    from jianfu.core.middleware import SecurityHeadersMiddleware

    def view(request):
        response = HttpResponse(b"x")
        response["Content-Security-Policy"] = "sandbox"
        return response

    assert SecurityHeadersMiddleware(view)(rf.get("/x"))["Content-Security-Policy"] == "sandbox"
