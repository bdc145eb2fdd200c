from django.apps import AppConfig


class CertsConfig(AppConfig):
    name = "jianfu.certs"
    label = "certs"
    verbose_name = "证明与印章"

    def ready(self) -> None:
        from jianfu.core import events, nav
        from jianfu.core.home import register_panel

        from . import panels
        from .permissions import can_edit_templates, can_read_register

        for event_type, label in (
            ("certs.certificate.issue", "出具证明"),
            ("certs.refusal.record", "登记不予出具"),
            ("certs.refusal.report", "不予出具转监督"),
            ("certs.seal.use", "用印登记"),
            ("certs.template.save", "修改告知承诺书模板"),
            ("certs.commitment.sign", "登记告知承诺"),
            ("certs.commitment.verify", "核查告知承诺"),
            ("certs.demand.report", "举报索要证明"),
            ("certs.resident.reveal", "查看居民完整信息（证明）"),
            ("certs.resident.export_reveal", "导出居民完整信息（证明登记）"),
            ("certs.commitment.reveal", "查看居民完整信息（告知承诺）"),
            ("certs.commitment.print", "打印告知承诺书（含居民完整信息）"),
        ):
            events.register(event_type, label)
        nav.register("证明登记", "certs:register", can_read_register, order=160)
        nav.register("告知承诺书模板", "certs:templates", can_edit_templates, order=420)
        register_panel(panels.certificates_panel)
        panels.register_burden_section()
