from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "jianfu.matching"
    label = "matching"
    verbose_name = "文本比对与同义词库"

    def ready(self) -> None:
        from jianfu.core import events, nav
        from jianfu.orgs.choices import Role
        from jianfu.orgs.permissions import has_role

        for event_type, label in (
            ("matching.lexicon.save", "保存同义词组"),
            ("matching.lexicon.delete", "删除同义词组"),
        ):
            events.register(event_type, label)
        nav.register("同义词库", "matching:lexicon", lambda u: has_role(u, Role.LIST_OWNER), order=105)
