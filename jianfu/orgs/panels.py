"""Home-page panels of the orgs app, and the line introducing the user's role."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core.events import label as event_label
from jianfu.core.home import Panel
from jianfu.core.selectors import audit_trail_of

from .choices import ROLE_INTRO, OrgKind, Role
from .permissions import is_sysadmin
from .scoping import jurisdiction
from .selectors import counts_by_kind, users_for_admin


def role_intro(user: Any) -> str:
    role = getattr(user, "role", "")
    return ROLE_INTRO.get(Role(role), "") if role in Role.values else ""


def my_org(user: Any) -> Panel | None:
    division = jurisdiction(user)
    if division is None:
        return None
    counts = counts_by_kind(user)
    lines = [(f"{label}：{counts.get(kind, 0)} 个", "") for kind, label in OrgKind.choices if counts.get(kind)]
    return Panel(
        title=_("我的辖区 · {full_name}").format(full_name=division.full_name),
        lines=lines,
        more_url=reverse("org_tree"),
        more_label="浏览组织机构",
        empty_text="",
        order=800,
    )


def accounts_to_look_at(user: Any) -> Panel | None:
    """For administrators: accounts still on an initial password, and disabled ones."""
    if not is_sysadmin(user):
        return None
    users = users_for_admin(user)
    pending = users.filter(is_active=True, must_change_password=True)
    disabled = users.filter(is_active=False).count()
    lines = [
        (f"{u.get_full_name()}（{u.username}）尚未修改初始密码", reverse("user_edit", args=[u.pk])) for u in pending[:5]
    ]
    if disabled:
        lines.append((f"已停用账号 {disabled} 个", reverse("user_list") + "?active=0"))
    return Panel(
        title=_("账号管理"),
        count=pending.count(),
        lines=lines,
        more_url=reverse("user_list"),
        more_label="管理用户",
        empty_text="所有账号状态正常。",
        tone="warn" if lines else "ok",
        order=50,
    )


def recent_actions(user: Any) -> Panel | None:
    entries = list(audit_trail_of(user)[:5])
    local = timezone.localtime
    return Panel(
        title=_("我最近的操作"),
        lines=[(f"{local(e.at):%m-%d %H:%M} {event_label(e.event_type)} {e.object_repr}", "") for e in entries],
        more_url=reverse("my_audit"),
        empty_text="暂无操作记录。",
        order=900,
    )
