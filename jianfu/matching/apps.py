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
        _prebuild_on_publish()
        nav.register("同义词库", "matching:lexicon", lambda u: has_role(u, Role.LIST_OWNER), order=105)


def _prebuild_on_publish() -> None:
    """Build a version's gate index when it is published (after commit), so the first check
    against it loads a snapshot instead of building it while someone waits."""
    from django.db import transaction
    from django.db.models.signals import post_save

    from jianfu.catalog.models import ListVersion

    def published(sender: object, instance: ListVersion, **kwargs: object) -> None:
        if instance.is_published:
            from .index import prebuild

            transaction.on_commit(lambda: prebuild(instance))

    post_save.connect(published, sender=ListVersion, weak=False, dispatch_uid="matching.prebuild_on_publish")
