"""Password rules: the demo accounts' shared password is for the demo only."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def is_demo_password(password: str) -> bool:
    return password == settings.DEMO_PASSWORD


class DemoPasswordValidator:
    """Refuses the published demo password as anybody's chosen password."""

    def validate(self, password: str, user: Any = None) -> None:
        if is_demo_password(password):
            raise ValidationError(_("该密码是公开的演示密码，不能使用。"), code="demo_password")

    def get_help_text(self) -> str:
        return "不能使用公开的演示密码。"


def _classes(password: str) -> int:
    kinds = [
        any(c.islower() for c in password),
        any(c.isupper() for c in password),
        any(c.isdigit() for c in password),
        any(not c.isalnum() for c in password),
    ]
    return sum(kinds)


class CharacterClassesValidator:
    """At least ``min_classes`` of: lower-case, upper-case, digits, other characters."""

    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user: Any = None) -> None:
        if _classes(password) < self.min_classes:
            raise ValidationError(
                _("密码须包含小写字母、大写字母、数字、符号中的至少 {n} 类。").format(n=self.min_classes),
                code="password_classes",
            )

    def get_help_text(self) -> str:
        return _("密码须包含小写字母、大写字母、数字、符号中的至少 {n} 类。").format(n=self.min_classes)


class UsernameInPasswordValidator:
    """Refuses a password that contains the account name (in any case)."""

    def validate(self, password: str, user: Any = None) -> None:
        username = (getattr(user, "username", "") or "").strip().lower()
        if len(username) >= 3 and username in password.lower():
            raise ValidationError(_("密码不能包含用户名。"), code="password_username")

    def get_help_text(self) -> str:
        return _("密码不能包含用户名。")


# Words and pinyin that Chinese weak passwords are made of (then digits or a symbol added).
WEAK_WORDS = {
    "jianfu", "jianfupingtai", "admin", "administrator", "root", "password", "passwd", "mima", "woaini",
    "iloveyou", "zhongguo", "china", "qwerty", "qwertyuiop", "asdfgh", "asdfghjkl", "zxcvbn", "qazwsx",
    "abc", "abcd", "abcdef", "aaa", "test", "user", "welcome", "minzheng", "mzj", "shequ", "zzb",
    "zuzhibu", "gov", "zhengfu", "hello", "love", "wang", "ok", "a", "aa", "qaz", "wsx", "p", "pass",
}  # fmt: skip
# Common surnames in pinyin: "lisi123456", "Zhangwei@1990" (a name followed by digits).
SURNAMES = (
    "zhang", "wang", "li", "zhao", "liu", "chen", "yang", "huang", "zhou", "wu", "xu", "sun", "hu",
    "zhu", "gao", "lin", "he", "guo", "ma", "luo", "liang", "song", "zheng", "xie", "han", "tang",
    "feng", "yu", "dong", "xiao", "cheng", "cao", "yuan", "deng", "fu", "shen", "zeng", "peng", "lv",
    "su", "lu", "jiang", "cai", "jia", "ding", "wei", "xue", "ye", "yan", "pan", "du", "dai", "xia",
    "zhong", "tian", "ren", "fan", "fang", "shi", "yao", "tan", "qian", "qin", "kong", "bai", "mao",
)  # fmt: skip


def _letters(password: str) -> str:
    return "".join(c for c in password.lower() if c.isalpha() and c.isascii())


def is_chinese_pattern(password: str, user: Any = None) -> bool:
    """A word or a short pinyin name with digits and symbols around it (jianfu2026, Lisi@123456)."""
    letters = _letters(password)
    if not any(c.isalpha() for c in password.lower() if not c.isascii()) and letters in WEAK_WORDS:
        return True
    if letters and len(letters) <= 9 and letters.startswith(SURNAMES) and len(password) - len(letters) >= 3:
        rest = password.lower().replace(letters, "", 1) if letters in password.lower() else None
        if rest is not None:  # the letters form one block: a name, then digits/symbols
            return True
    full_name = (getattr(user, "full_name", "") or "").strip()
    return bool(full_name and full_name in password)


class ChinesePatternValidator:
    """Refuses common Chinese password patterns: name + digits, a known word + year."""

    def validate(self, password: str, user: Any = None) -> None:
        if is_chinese_pattern(password, user):
            raise ValidationError(_("密码过于常见（如姓名加数字、常用词加年份），请换一个。"), code="password_pattern")

    def get_help_text(self) -> str:
        return _("不能是姓名加数字、常用词加年份之类的常见密码。")
