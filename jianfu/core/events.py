"""Chinese names of audit event types, for people reading an audit trail."""

from __future__ import annotations

from django.utils.functional import Promise

_LABELS: dict[str, str | Promise] = {
    "auth.login": "登录",
    "auth.logout": "退出登录",
    "auth.login_failed": "登录失败",
    "auth.login_locked": "登录被锁定（失败次数过多）",
    "core.export": "导出/下载文件",
    "orgs.org.create": "新增组织",
    "orgs.user.create": "创建用户",
    "orgs.user.update": "修改用户",
    "orgs.user.enable": "启用账号",
    "orgs.user.disable": "停用账号",
    "orgs.user.reset_password": "重置密码",
    "orgs.user.change_password": "修改密码",
    "orgs.token.issue": "生成接口令牌",
    "orgs.token.revoke": "吊销接口令牌",
}


def register(event_type: str, label: str | Promise) -> None:
    _LABELS.setdefault(event_type, label)


def label(event_type: str) -> str:
    return str(_LABELS.get(event_type, event_type))
