from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "jianfu.orgs"
    label = "orgs"
    verbose_name = "组织与用户"

    def ready(self) -> None:
        from jianfu.core import auditchain, events, nav
        from jianfu.core.home import register_intro, register_panel

        from . import panels
        from .permissions import is_sysadmin
        from .tree import county_code

        events.register("orgs.grid.create", "划分网格")
        nav.register("组织机构", "org_tree", lambda u: True, order=800)
        nav.register("用户管理", "user_list", is_sysadmin, order=850)
        register_panel(panels.my_org)
        register_panel(panels.accounts_to_look_at)
        register_panel(panels.recent_actions)
        register_intro(panels.role_intro)
        # One audit chain per county: appends in one county never wait for another's.
        auditchain.chain_key = county_code
