"""The second step of signing in: enrolling a TOTP authenticator, and entering its code."""

from __future__ import annotations

import base64

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from jianfu.core.pages import run_action
from jianfu.core.typing import AuthedRequest

from . import security, sso
from .forms import OtpCodeForm


def _after_second_factor(request: AuthedRequest) -> HttpResponse:
    if security.must_change_password(request.user) and not sso.is_sso_session(request):
        messages.warning(request, _("请先修改初始密码。"))
        return redirect("password_change")
    return redirect("home")


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request: AuthedRequest) -> HttpResponse:
    """Enrolment: the secret as a QR code and as text; the first right code confirms it."""
    user = request.user
    if security.has_otp_device(user):
        if security.is_verified(user):
            messages.info(request, _("您已绑定双因素认证；如需更换手机，请联系安全管理员重置。"))
            return redirect("home")
        return redirect("otp_verify")
    device = security.pending_device(user)
    form = OtpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_action(request, security.do_confirm_otp, user, code=form.cleaned_data["code"], form=form)
        if done:
            otp_login(request, done.value)
            messages.success(request, _("双因素认证已绑定，以后登录时需输入验证码。"))
            return _after_second_factor(request)
    url = device.config_url
    qr_svg = segno.make(url, error="m").svg_inline(scale=4, omitsize=False)
    secret = base64.b32encode(device.bin_key).decode()
    context = {"form": form, "qr_svg": mark_safe(qr_svg), "secret": secret}  # noqa: S308 (segno's own SVG)
    return render(request, "orgs/otp_setup.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if security.is_verified(user):
        return redirect("home")
    if not security.has_otp_device(user):
        return redirect("otp_setup")
    form = OtpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_action(request, security.do_verify_otp, user, code=form.cleaned_data["code"], form=form)
        if done:
            otp_login(request, done.value)
            return _after_second_factor(request)
    return render(request, "orgs/otp_verify.html", {"form": form})
