from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "jianfu.catalog"
    label = "catalog"
    verbose_name = "清单"

    def ready(self) -> None:
        from jianfu.core import events, nav
        from jianfu.core.home import register_panel

        from . import panels

        nav.register("社区工作事项清单", "catalog:index", panels.has_county_lists, order=100)
        register_panel(panels.lists_owner_panel)
        for event_type, label in (
            ("catalog.draft.open", "新建清单草稿"),
            ("catalog.draft.discard", "放弃清单草稿"),
            ("catalog.draft.import", "Excel 导入清单草稿"),
            ("catalog.item.add", "添加清单事项"),
            ("catalog.item.update", "修改清单事项"),
            ("catalog.item.delete", "删除清单事项"),
            ("catalog.version.publish", "发布清单版本"),
        ):
            events.register(event_type, label)
