from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "jianfu.catalog"
    label = "catalog"
    verbose_name = "清单"

    def ready(self) -> None:
        from jianfu.core import events, nav
        from jianfu.core.home import register_panel
        from jianfu.orgs.choices import Role
        from jianfu.orgs.permissions import has_role

        from . import panels

        nav.register("社区工作事项清单", "catalog:index", panels.has_county_lists, order=100)
        register_panel(panels.lists_owner_panel)
        nav.register("政策依据", "catalog:citations", lambda u: has_role(u, Role.LIST_OWNER), order=106)
        for event_type, label in (
            ("catalog.draft.open", "新建清单草稿"),
            ("catalog.draft.discard", "放弃清单草稿"),
            ("catalog.draft.import", "Excel 导入清单草稿"),
            ("catalog.item.add", "添加清单事项"),
            ("catalog.item.update", "修改清单事项"),
            ("catalog.item.delete", "删除清单事项"),
            ("catalog.version.publish", "发布清单版本"),
            ("catalog.citation.save", "修改政策依据"),
            ("catalog.citation.reset", "恢复默认政策依据"),
        ):
            events.register(event_type, label)
