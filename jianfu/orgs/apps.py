from django.apps import AppConfig

SECURITY_EVENTS = {
    "auth.sso_refused": "统一身份认证登录被拒绝",
    "orgs.bulk_import": "批量导入社区和账号",
    "orgs.identity.link": "关联统一身份认证账号",
    "orgs.identity.unlink": "解除统一身份认证关联",
    "orgs.service_account.create": "创建服务账号",
    "orgs.user.reset_password_refused": "重置密码被拒绝（审计员/安全管理员）",
    "auth.otp_enrol": "绑定双因素认证",
    "auth.otp_verified": "通过双因素认证",
    "auth.otp_failed": "双因素认证失败",
    "auth.otp_reset": "重置双因素认证",
    "auth.unlock": "解除登录锁定",
    "auth.token_use": "使用接口令牌",
    "pii.view": "查看居民个人信息",
}


class OrgsConfig(AppConfig):
    name = "jianfu.orgs"
    label = "orgs"
    verbose_name = "组织与用户"

    def ready(self) -> None:
        from jianfu.core import auditchain, events, nav
        from jianfu.core.home import register_intro, register_panel

        from . import middleware, panels  # noqa: F401  (middleware: the sign-in stamp receiver)
        from .choices import Role
        from .permissions import can_manage_account_security, can_read_audit_log, is_sysadmin
        from .tree import county_code

        events.register("orgs.grid.create", "划分网格")
        for event_type, label in SECURITY_EVENTS.items():
            events.register(event_type, label)
        nav.register("组织机构", "org_tree", lambda u: u.role not in (Role.SECADMIN, Role.AUDITOR), order=800)
        nav.register("用户管理", "user_list", is_sysadmin, order=850)
        nav.register("服务账号", "service_accounts", is_sysadmin, order=855)
        nav.register("账号安全", "account_security", can_manage_account_security, order=860)
        nav.register("审计日志", "audit_log", can_read_audit_log, order=870)
        register_panel(panels.my_org)
        register_panel(panels.accounts_to_look_at)
        register_panel(panels.recent_actions)
        register_intro(panels.role_intro)
        # One audit chain per county: appends in one county never wait for another's.
        auditchain.chain_key = county_code
