"""User and org actions: permission, validation and audit."""

from __future__ import annotations

import pytest

from jianfu.core.errors import ActionError, NotAllowed
from jianfu.core.models import AuditEntry
from jianfu.orgs import actions
from jianfu.orgs.choices import OrgKind, Role
from jianfu.orgs.models import Org, User


def create(actor, org, role=Role.COMMUNITY_WORKER, username="newbie", password="Hanyin-Strong-2026"):
    return actions.do_create_user(
        actor=actor, username=username, full_name="新同事", org=org, role=role, password=password
    )


def test_a_sysadmin_creates_a_user_in_their_county_and_it_is_audited(world):
    user = create(world.sysadmin, world.xiguan)
    assert user.org == world.xiguan and user.must_change_password
    entry = AuditEntry.objects.get(event_type="orgs.user.create", object_id=str(user.pk))
    assert entry.actor == world.sysadmin and entry.after["role"] == Role.COMMUNITY_WORKER


def test_only_sysadmins_create_users(world):
    with pytest.raises(NotAllowed):
        create(world.county_mzj, world.xiguan)
    assert not User.objects.filter(username="newbie").exists()


def test_a_sysadmin_of_another_county_cannot_create_users_here(world):
    with pytest.raises(NotAllowed):
        create(world.other_sysadmin, world.xiguan)
    assert not User.objects.filter(username="newbie").exists()


@pytest.mark.parametrize(
    "org_key, role",
    [
        ("xiguan", Role.TOWNSHIP_OFFICER),
        ("wjj", Role.LIST_OWNER),
        ("chengguan", Role.COMMUNITY_WORKER),
        ("mzj", Role.APPROVER),
    ],
)
def test_a_role_must_fit_the_org(world, org_key, role):
    with pytest.raises(ActionError) as exc:
        create(world.sysadmin, world.orgs[org_key], role=role)
    assert exc.value.field == "role"


def test_weak_and_demo_passwords_are_refused(world, settings):
    with pytest.raises(ActionError, match="密码"):
        create(world.sysadmin, world.xiguan, password="12345678901")
    with pytest.raises(ActionError, match="演示密码"):
        create(world.sysadmin, world.xiguan, password=settings.DEMO_PASSWORD)


def test_duplicate_usernames_are_refused_case_insensitively(world):
    with pytest.raises(ActionError, match="已被使用"):
        create(world.sysadmin, world.xiguan, username="Community_Worker")


def test_disable_and_enable_are_audited_and_self_disable_is_refused(world):
    actions.do_set_user_active(world.community_worker, actor=world.sysadmin, active=False, reason="调离")
    world.community_worker.refresh_from_db()
    assert not world.community_worker.is_active
    assert AuditEntry.objects.get(event_type="orgs.user.disable").reason == "调离"
    with pytest.raises(ActionError):
        actions.do_set_user_active(world.sysadmin, actor=world.sysadmin, active=False)


def test_reset_password_gives_a_one_time_password(world):
    temporary = actions.do_reset_password(world.community_worker, actor=world.sysadmin)
    world.community_worker.refresh_from_db()
    assert world.community_worker.check_password(temporary) and world.community_worker.must_change_password
    with pytest.raises(NotAllowed):
        actions.do_reset_password(world.community_worker, actor=world.other_sysadmin)


def test_division_codes_must_follow_gbt2260(world):
    with pytest.raises(ActionError, match="开头"):
        actions.do_create_org(
            actor=None, code="610922100009", name="错位社区", kind=OrgKind.COMMUNITY, parent=world.chengguan
        )
    with pytest.raises(ActionError, match="12 位"):
        actions.do_create_org(
            actor=None, code="61092110001", name="短码社区", kind=OrgKind.COMMUNITY, parent=world.chengguan
        )
    org = actions.do_create_org(
        actor=None, code="610921100003", name="新建社区", kind=OrgKind.COMMUNITY, parent=world.chengguan
    )
    assert org.region_prefix == "610921100003"
    dept = actions.do_create_org(
        actor=None, code="610921D99", name="汉阴县新部门", kind=OrgKind.DEPARTMENT, parent=world.county
    )
    assert dept.region_code == "610921" and dept.region_prefix == "610921"
    assert not Org.objects.filter(name__in=["错位社区", "短码社区"]).exists()


def test_tokens_are_stored_hashed_and_can_be_revoked(world):
    raw = actions.do_issue_token(world.dept_officer, actor=None)
    token = world.dept_officer.api_tokens.get()
    assert raw.startswith("jf_") and raw not in token.key_hash and token.prefix == raw[:10]
    actions.do_revoke_token(token, actor=world.dept_officer)
    token.refresh_from_db()
    assert token.revoked_at is not None
