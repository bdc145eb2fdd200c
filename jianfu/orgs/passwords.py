"""Password rules: the demo accounts' shared password is for the demo only."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def is_demo_password(password: str) -> bool:
    return password == settings.DEMO_PASSWORD


class DemoPasswordValidator:
    """Refuses the published demo password as anybody's chosen password."""

    def validate(self, password: str, user: Any = None) -> None:
        if is_demo_password(password):
            raise ValidationError(_("该密码是公开的演示密码，不能使用。"), code="demo_password")

    def get_help_text(self) -> str:
        return "不能使用公开的演示密码。"
