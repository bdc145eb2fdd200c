from django.apps import AppConfig


class WorkflowAppConfig(AppConfig):
    name = "jianfu.core.tests.workflow_app"
    label = "workflow_app"
