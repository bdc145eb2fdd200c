"""Browser journey: a township sends an unlisted task (after the warning); the community refuses
it in one click on a phone; the refusal becomes a supervision case and the sender sees it."""

from __future__ import annotations

import pytest

from jianfu.admission.tests.lists import publish_lists
from jianfu.dispatch.models import Task
from jianfu.supervision.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_unlisted_task_is_refused_by_the_community(page_for, world):
    publish_lists(world)
    sender = page_for("township_officer")
    sender.goto("/tasks/new/")
    sender.check("#id_targets input[value='610921100001']")
    sender.fill("#id_title", "上报辖区奶茶店数量")
    sender.fill("#id_description", "请各社区统计辖区奶茶店名单，明日上报。")
    sender.click("button[name=send]")
    sender.wait_for_selector("#gate-verdict")
    assert "未准入" in sender.locator("#gate-verdict").inner_text()
    assert not Task.objects.exists()
    sender.check("#id_confirm_unlisted")
    sender.click("button[name=send]")
    sender.wait_for_selector("text=已派发给 1 个社区")

    worker = page_for("community_worker", mobile=True)
    worker.goto("/")
    assert worker.locator(".bellcount").inner_text() == "1"
    worker.goto("/inbox/")
    task = Task.objects.get()
    card = worker.locator(f"#task-{task.pk}")
    assert "未准入" in card.inner_text()
    # The refusal is irreversible after the undo window: the browser asks first. Cancelling
    # leaves the task as it was; confirming refuses it.
    asked: list[str] = []

    def answer(accept: bool):
        def handler(dialog):
            asked.append(dialog.message)
            dialog.accept() if accept else dialog.dismiss()

        return handler

    cancel = answer(False)
    worker.on("dialog", cancel)
    card.locator("button:has-text('一键拒收')").click()
    worker.wait_for_timeout(300)
    assert asked == ["确定拒收该任务？拒收将转县民政局监督，10 分钟内可撤回。"]
    task.refresh_from_db()
    assert task.state == "sent"
    worker.remove_listener("dialog", cancel)
    worker.on("dialog", answer(True))
    card.locator("button:has-text('一键拒收')").click()
    worker.wait_for_selector("text=已转监督")
    assert len(asked) == 2
    task.refresh_from_db()
    assert task.state == "refused" and "一律不接" in task.reason
    assert Case.objects.get().department == world.chengguan

    # Within the undo window the refusal stays in the inbox with a 撤回拒收 button.
    worker.locator(f"#task-{task.pk} button:has-text('撤回拒收')").click()
    worker.wait_for_selector("text=已撤回拒收")
    task.refresh_from_db()
    assert task.state == "sent" and task.reason == ""
    worker.locator(f"#task-{task.pk} button:has-text('一键拒收')").click()
    worker.wait_for_selector("text=已转监督")
    task.refresh_from_db()
    assert task.state == "refused" and Case.objects.count() == 1

    sender.goto("/")
    assert "被社区拒收的任务" in sender.content()
    sender.goto(f"/tasks/{task.dispatch_id}/")
    assert "已拒收" in sender.content()
