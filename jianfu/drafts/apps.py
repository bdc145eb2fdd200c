from django.apps import AppConfig


class DraftsConfig(AppConfig):
    name = "jianfu.drafts"
    label = "drafts"
    verbose_name = "发文前审核"
