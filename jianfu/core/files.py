"""Uploaded files, one way: checked by content, stored under a random name, served only to those
who may see the object they belong to.

- ``check_upload(files, kinds=…, max_bytes=…, max_count=…)`` reads each upload and decides its type
  from its first bytes (and, for .docx/.xlsx, from the zip's contents), never from its name or the
  browser's content type. Refusals are ``ActionError`` in Chinese, raised before anything is saved:
  too many, empty, too large, a type not allowed, a name whose extension contradicts the content
  (a photo renamed 报告.docx), a zip bomb dressed as a .docx.
- ``StoredFile`` is the abstract model every stored file extends (file, original name, size,
  content type, SHA-256, uploader, time). ``put(checked)`` stores the bytes under a random name.
- ``discard_on_error()`` deletes what was stored when the saving transaction fails.
- ``protected_download(lookup)`` makes the download view: ``lookup(user, **url_kwargs)`` is the
  app's selector, which raises ``NotFound`` for anyone who may not see the owning object (so they
  get a 404); the file is always an attachment with its Chinese name, never shown inline.
"""

from __future__ import annotations

import hashlib
import io
import secrets
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.http import FileResponse, Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import ActionError


@dataclass(frozen=True)
class Kind:
    key: str  # also the extension the file is stored under
    content_type: str
    label: str  # as named in messages
    extensions: tuple[str, ...]


KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        Kind("pdf", "application/pdf", "PDF 文件", ("pdf",)),
        Kind("doc", "application/msword", "Word（.doc）文件", ("doc",)),
        Kind(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "Word（.docx）文件",
            ("docx",),
        ),
        Kind(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "Excel（.xlsx）工作簿",
            ("xlsx",),
        ),
        Kind("jpg", "image/jpeg", "JPG 图片", ("jpg", "jpeg")),
        Kind("png", "image/png", "PNG 图片", ("png",)),
        Kind("gif", "image/gif", "GIF 图片", ("gif",)),
        Kind("webp", "image/webp", "WEBP 图片", ("webp",)),
    )
}
IMAGES = ("jpg", "png", "gif", "webp")
WORD = ("doc", "docx")
_BY_EXTENSION = {ext: kind for kind in KINDS.values() for ext in kind.extensions}

# A .docx/.xlsx is a zip: refuse one that would unpack to more than this, or that compresses
# better than any real document does (a zip bomb), or that holds an absurd number of parts.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ZIP_RATIO = 200
MAX_ZIP_ENTRIES = 5000
_ZIP_MARKERS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


class _ZipBomb(Exception):
    pass


def _sniff_zip(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return None
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if len(infos) > MAX_ZIP_ENTRIES or total > MAX_UNZIPPED_BYTES or total / packed > MAX_ZIP_RATIO:
        raise _ZipBomb
    names = {i.filename for i in infos}
    for key, marker in _ZIP_MARKERS.items():
        if marker in names:
            return key
    return None


def is_zip_bomb(data: bytes) -> bool:
    """True when a zip (xlsx, docx) would unpack to far more than it weighs (see ``_sniff_zip``)."""
    try:
        _sniff_zip(data)
    except _ZipBomb:
        return True
    return False


def sniff(data: bytes) -> Kind | None:
    """The kind of a file from its content (magic bytes; the parts inside a zip), or None."""
    if data.startswith(b"%PDF-"):
        return KINDS["pdf"]
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return KINDS["doc"]
    if data.startswith(b"\xff\xd8\xff"):
        return KINDS["jpg"]
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return KINDS["png"]
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return KINDS["gif"]
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return KINDS["webp"]
    if data.startswith(b"PK\x03\x04"):
        key = _sniff_zip(data)
        return KINDS[key] if key else None
    return None


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed ``check_upload``: its bytes and what they are."""

    name: str  # the uploaded name, cleaned (no path), for people; never used to store it
    kind: Kind
    data: bytes
    sha256: str

    @property
    def ext(self) -> str:
        return self.kind.key

    @property
    def content_type(self) -> str:
        return self.kind.content_type

    @property
    def size(self) -> int:
        return len(self.data)


def clean_name(raw: Any, default: str = "附件") -> str:
    """The uploaded file name without any directory part, at most 200 characters (keeping the end)."""
    name = str(raw or "").replace("\\", "/").rsplit("/", 1)[-1].strip().replace("\x00", "")
    return (name or default)[-200:]


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _size(n: int) -> str:
    if n < 1024 * 1024:
        return f"{max(n, 1024) // 1024} KB"
    return f"{n / 1024 / 1024:.1f}".rstrip("0").rstrip(".") + " MB"


def check_upload(
    files: Iterable[Any] | Any,
    *,
    kinds: Iterable[str],
    max_bytes: int,
    max_count: int,
    allowed: str,
    noun: str = "文件",
    label: str = "材料",
    field: str = "files",
) -> list[CheckedFile]:
    """Read and check uploads; ``ActionError`` (Chinese, on ``field``) before anything is saved.

    ``kinds``: keys of ``KINDS`` allowed here. ``allowed``: the sentence that says so to people
    (“仅支持图片（JPG/PNG/GIF/WEBP）、PDF 和 Word 文档。”). ``noun`` names one file in messages
    (“附件”), ``label`` the collection (“证据材料”)."""
    if files is None or hasattr(files, "read"):
        files = [files]
    uploads = [f for f in files if f is not None]
    allowed_kinds = set(kinds)
    if len(uploads) > max_count:
        raise ActionError(
            _("{label}最多上传 {max_count} 个文件。").format(label=label, max_count=max_count), field=field
        )
    checked = []
    for upload in uploads:
        name = clean_name(getattr(upload, "name", ""), noun)
        size = getattr(upload, "size", None)
        data = b"" if size is not None and size > max_bytes else upload.read(max_bytes + 1)
        if (size is not None and size > max_bytes) or len(data) > max_bytes:
            shown = size if size is not None and size > max_bytes else len(data)
            raise ActionError(
                _("{noun}过大（“{name}”，{shown}），上限为 {max_bytes}，请压缩后再上传。").format(
                    noun=noun, name=name, shown=_size(shown), max_bytes=_size(max_bytes)
                ),
                field=field,
            )
        if not data:
            raise ActionError(_("{noun}“{name}”是空文件。").format(noun=noun, name=name), field=field)
        try:
            kind = sniff(data)
        except _ZipBomb:
            raise ActionError(
                _("{noun}“{name}”解压后异常巨大（疑似压缩炸弹），不是正常的文档，已拒收。").format(
                    noun=noun, name=name
                ),
                field=field,
            ) from None
        ext = _extension(name)
        if kind is None or kind.key not in allowed_kinds:
            message = f"{noun}“{name}”不是允许的类型：{allowed}"
            claimed = _BY_EXTENSION.get(ext)
            if claimed is not None and claimed.key in allowed_kinds:
                message += f"其内容与扩展名 .{ext} 不符，不是有效的 {claimed.label}。"
            raise ActionError(message, field=field)
        if ext and ext not in kind.extensions:
            raise ActionError(
                _("{noun}“{name}”的内容是 {label}，与扩展名 .{ext} 不符，请确认文件后重新上传。").format(
                    noun=noun, name=name, label=kind.label, ext=ext
                ),
                field=field,
            )
        checked.append(CheckedFile(name, kind, data, hashlib.sha256(data).hexdigest()))
    return checked


# Storage --------------------------------------------------------------------------------------


def stored_file_path(instance: StoredFile, filename: str) -> str:
    return f"{instance.storage_dir()}/{filename}"


class StoredFile(models.Model):
    """A stored upload (abstract). Kept under MEDIA_ROOT with a random name (never the uploaded
    one, which is ``original_name``), served only through ``protected_download``."""

    file = models.FileField(upload_to=stored_file_path, max_length=300)
    original_name = models.CharField(gettext_lazy("文件名"), max_length=200)
    size = models.PositiveIntegerField(gettext_lazy("大小（字节）"))
    content_type = models.CharField(gettext_lazy("类型"), max_length=100)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    # None where the uploader must not be recorded (a community worker's report) or is the platform.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(gettext_lazy("上传时间"), auto_now_add=True)

    upload_dir: ClassVar[str] = "files"

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name

    def storage_dir(self) -> str:
        """The directory (below MEDIA_ROOT) this file goes into; subclasses may add the owner's key."""
        return self.upload_dir

    def put(self, checked: CheckedFile, *, uploaded_by: Any = None) -> str:
        """Fill in the file's facts and store its bytes under a random name (the row is not saved
        here). Returns the stored name, for ``discard_on_error``."""
        self.original_name = checked.name
        self.size = checked.size
        self.content_type = checked.content_type
        self.sha256 = checked.sha256
        self.uploaded_by = uploaded_by
        self.file.save(f"{secrets.token_hex(16)}.{checked.ext}", ContentFile(checked.data), save=False)
        return str(self.file.name)


@contextmanager
def discard_on_error() -> Iterator[list[str]]:
    """Collect stored names (``names.append(obj.put(...))``); if the block fails (and so its
    transaction rolls back), delete those files so none is left without its row."""
    names: list[str] = []
    try:
        yield names
    except BaseException:
        for name in names:
            default_storage.delete(name)
        raise


# Download -------------------------------------------------------------------------------------

# Types a browser may be told; anything else (never expected, as uploads are checked) is bytes.
_SERVED_TYPES = {k.content_type for k in KINDS.values()}


def download_response(stored: StoredFile) -> FileResponse:
    """The file as a download (Content-Disposition: attachment, with the Chinese name encoded per
    RFC 6266/5987), never rendered inline, never sniffed into HTML."""
    try:
        handle = stored.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("文件已不存在。")) from exc
    content_type = stored.content_type if stored.content_type in _SERVED_TYPES else "application/octet-stream"
    response = FileResponse(handle, content_type=content_type, as_attachment=True, filename=stored.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def protected_download(lookup: Callable[..., StoredFile]) -> Callable[..., FileResponse]:
    """A download view for one app's files. ``lookup(user, **url_kwargs)`` is the app's selector:
    it returns the file only if the user may see the object it belongs to and raises ``NotFound``
    otherwise (a 404, so a forged id reveals nothing)."""

    @login_required
    def download(request: HttpRequest, **kwargs: Any) -> FileResponse:
        return download_response(lookup(request.user, **kwargs))

    download.__doc__ = f"Download through {getattr(lookup, '__qualname__', 'a selector')} (404 unless visible)."
    return download
