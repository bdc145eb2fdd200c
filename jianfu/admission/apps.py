from django.apps import AppConfig


class AdmissionConfig(AppConfig):
    name = "jianfu.admission"
    label = "admission"
    verbose_name = "准入"
