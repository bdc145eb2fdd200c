from django.apps import AppConfig


class AdmissionConfig(AppConfig):
    name = "jianfu.admission"
    label = "admission"
    verbose_name = "准入"

    def ready(self) -> None:
        from jianfu.core import events, nav
        from jianfu.core.home import register_panel

        from . import panels, transitions  # noqa: F401  (registers the workflow's event names)
        from .permissions import can_apply, is_reviewer

        for key, label in {
            "admission.application.create": "新建准入申请",
            "admission.application.update": "修改准入申请",
            "admission.application.precheck": "准入自动预审",
            "admission.attachment.add": "上传申请材料",
            "admission.window.open": "开启年度计划申报",
            "admission.window.close": "截止年度计划申报",
            "admission.window.publish": "发布年度计划清单",
        }.items():
            events.register(key, label)
        nav.register("准入申请", "admission_list", lambda u: can_apply(u) or is_reviewer(u), order=200)
        register_panel(panels.review_panel)
        register_panel(panels.my_applications_panel)
