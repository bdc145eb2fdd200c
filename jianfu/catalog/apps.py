from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "jianfu.catalog"
    label = "catalog"
    verbose_name = "清单"
