"""The organisation tree (GB/T 2260 divisions plus departments), users and their API tokens."""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy

from jianfu.core.crypto import EncryptedTextField, mask_phone

from .choices import DIVISION_KINDS, GRASSROOTS_KINDS, PREFIX_LENGTH, ROLE_SHORT, DeptKind, OrgKind, Role


class Org(models.Model):
    """A node of the organisation tree (组织机构).

    Divisions (省/市/县区/乡镇街道/社区居委会/村委会) carry their GB/T 2260 code (12 digits for
    communities and villages, as the statistical division codes do). A department (职能部门, and the
    county's 民政局, 组织部 and 领导小组) hangs under the county or township it belongs to and shares
    that division's ``region_code``. Scoping keys on ``region_code`` prefixes, so every org and every
    fact below a division starts with the division's prefix.
    """

    code = models.CharField(gettext_lazy("编码"), max_length=32, unique=True)
    name = models.CharField(gettext_lazy("名称"), max_length=100)
    kind = models.CharField(gettext_lazy("类型"), max_length=16, choices=OrgKind.choices, db_index=True)
    dept_kind = models.CharField(gettext_lazy("部门类别"), max_length=16, choices=DeptKind.choices, blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=gettext_lazy("上级"),
    )
    region_code = models.CharField(gettext_lazy("区划代码"), max_length=12, db_index=True)
    # Community/village names in the demo are generated under real township codes; say so.
    is_generated = models.BooleanField(gettext_lazy("演示生成"), default=False)
    staff_count = models.PositiveSmallIntegerField(gettext_lazy("工作人员数"), null=True, blank=True)
    is_active = models.BooleanField(gettext_lazy("启用"), default=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = "组织"
        verbose_name_plural = "组织"

    def __str__(self) -> str:
        return self.name

    @property
    def is_division(self) -> bool:
        return self.kind in DIVISION_KINDS

    @property
    def is_department(self) -> bool:
        return self.kind == OrgKind.DEPARTMENT

    @property
    def is_grassroots(self) -> bool:
        return self.kind in GRASSROOTS_KINDS

    @property
    def is_grid(self) -> bool:
        return self.kind == OrgKind.GRID

    @property
    def division(self) -> Org:
        """The division this org belongs to: itself, or a department's or a grid's parent."""
        return self.parent if (self.is_department or self.is_grid) and self.parent is not None else self

    @property
    def region_prefix(self) -> str:
        """Leading digits shared by every region code in this org's jurisdiction."""
        division = self.division
        return division.region_code[: PREFIX_LENGTH[OrgKind(division.kind)]]

    def ancestors(self) -> list[Org]:
        chain: list[Org] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    @property
    def full_name(self) -> str:
        """Name with its ancestors below province level (departments carry their full name)."""
        if self.is_department:
            return self.name
        return "".join([o.name for o in self.ancestors() if o.kind != OrgKind.PROVINCE] + [self.name])


class User(AbstractUser):
    """A person who signs in (用户): holds one role in one org and acts within its jurisdiction."""

    full_name = models.CharField(gettext_lazy("姓名"), max_length=50, blank=True)
    # Staff telephone, encrypted at rest like residents' data (core/crypto.py) and shown masked.
    phone = EncryptedTextField(gettext_lazy("电话"), blank=True)
    org = models.ForeignKey(
        Org,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name=gettext_lazy("所属组织"),
    )
    role = models.CharField(gettext_lazy("角色"), max_length=20, choices=Role.choices, blank=True)
    must_change_password = models.BooleanField(gettext_lazy("下次登录须修改密码"), default=False)
    # When the password was last set (expiry: JIANFU_PASSWORD_MAX_AGE_DAYS).
    password_changed_at = models.DateTimeField(gettext_lazy("密码修改时间"), null=True, blank=True)
    # 服务账号: another system, not a person — no password, no pages, only scoped expiring tokens
    # issued by the system administrator (orgs.service_accounts).
    is_service = models.BooleanField(gettext_lazy("服务账号"), default=False)

    class Meta:
        ordering = ["username"]
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.get_full_name()

    def get_full_name(self) -> str:
        return self.full_name or self.username

    @property
    def region_code(self) -> str:
        return self.org.region_code if self.org else ""

    @property
    def phone_masked(self) -> str:
        """138****0000: how the telephone is shown (pages, audit entries)."""
        return mask_phone(self.phone)

    @property
    def role_short(self) -> str:
        """The role's short name (民政/组织, 社区工作者…), "" for none."""
        return str(ROLE_SHORT[Role(self.role)]) if self.role in Role.values else ""


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """An API token (接口令牌) for connecting another system; only its hash is stored.

    A person's token carries no scopes (it may call what the person's role allows); a service
    account's token lists its scopes (jianfu.core.scopes) and always expires."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # JIANFU_TOKEN_MAX_AGE_DAYS after issue; null only for tokens issued before expiry existed.
    expires_at = models.DateTimeField(null=True, blank=True)
    scopes = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = "接口令牌"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user.username})"

    @property
    def region_code(self) -> str:
        return self.user.region_code


class LoginAttempt(models.Model):
    """Failed sign-ins counted for one key (登录失败处理): an account name at one client address
    ("user-ip"), or one client address ("ip"). Updated under a row lock, so parallel guesses
    are counted exactly; a lock ends by itself after the cool-down or by an unlock."""

    key = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=8)
    username = models.CharField(max_length=150, blank=True, db_index=True)
    ip = models.CharField(max_length=64, blank=True)
    failures = models.PositiveIntegerField(default=0)
    window_start = models.DateTimeField(default=timezone.now)
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "登录失败计数"

    def __str__(self) -> str:
        return f"{self.kind} {self.username} {self.ip} {self.failures}"


class ExternalIdentity(models.Model):
    """The link from an identity at the province's 统一身份认证 (an OIDC claim such as ``sub``, or a
    CAS user name) to an existing account, set by the system administrator. Single sign-on never
    creates an account nor grants a role: an identity without a link is refused."""

    PROVIDERS = [("oidc", "OIDC"), ("cas", "CAS")]
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="external_identities")
    provider = models.CharField(gettext_lazy("认证方式"), max_length=8, choices=PROVIDERS)
    subject = models.CharField(gettext_lazy("统一身份认证标识"), max_length=255)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "统一身份认证关联"
        constraints = [models.UniqueConstraint(fields=["provider", "subject"], name="orgs_extid_unique")]

    def __str__(self) -> str:
        return f"{self.provider}:{self.subject} → {self.user.username}"

    @property
    def region_code(self) -> str:
        return self.user.region_code
