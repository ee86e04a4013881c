"""Plain records that loaders yield and the graph layer turns into nodes and relationships.

This module imports nothing of policykg: loaders fill these dataclasses (with the text each fact
was read from, `evidence`) without knowing any store, and graph/model.py applies the identity
rules of DESIGN.md to them.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass
class AgencyRef:
    """A body named in the text, already resolved to its jurisdiction-qualified name."""

    name: str  # canonical, e.g. 大连市卫生计生委
    surface: str  # as printed, e.g. 市卫计委
    region: str = ""
    level: str = ""
    kind: str = "department"  # department | government | leading_group | collective | other
    aliases: list[str] = field(default_factory=list)  # other names of the same body (X（Y）)
    role_text: str = ""  # the wording that gave the role, e.g. 牵头 / 配合 / 负责
    evidence: str = ""
    full_name: str = ""  # the printed name qualified, when longer than `name` (大连市卫生健康委员会)

    @property
    def written_name(self) -> str:
        """The name as a reader would write it out: the printed name in full when the canonical
        one is shorter (an issuer string, a directive's issuer)."""
        return self.full_name or self.name


@dataclass
class Reference:
    """An upstream official document cited by a document or a task."""

    number: str = ""  # canonical 发文字号, "" when only the title is known
    title: str = ""
    issuer: str = ""
    level: str = ""
    region: str = ""
    year: int | None = None
    evidence: str = ""


@dataclass
class TaskRecord:
    label: str
    title: str
    text: str
    section: str = ""
    order: int = 0
    deadline: str = ""  # the time limit as printed (2018年底前, 每年6月底前, 长期坚持)
    due: str = ""  # YYYY-MM-DD it ends, where one can be read (loaders/deadlines.py)
    recurs: str = ""  # "yearly" when it falls due every year (每年6月底前); `due` is the first time
    leads: list[AgencyRef] = field(default_factory=list)
    cooperates: list[AgencyRef] = field(default_factory=list)
    implements: list[Reference] = field(default_factory=list)
    subtasks: list["TaskRecord"] = field(default_factory=list)


@dataclass
class DocumentRecord:
    source: str
    number: str = ""
    title: str = ""
    issuers: list[AgencyRef] = field(default_factory=list)
    date: str = ""
    doc_type: str = ""
    level: str = ""
    region: str = ""
    tasks: list[TaskRecord] = field(default_factory=list)
    implements: list[Reference] = field(default_factory=list)
    forwards: list[Reference] = field(default_factory=list)
    role_phrases: int = 0  # responsibility phrases in the text (loaders/coverage.py)
    unread_role_phrases: list[str] = field(default_factory=list)  # those that gave no role
    # what identifies the document when it prints neither number nor title: a digest of its own
    # text (`text_fingerprint`), set by the loader; "" for a record made by hand
    fingerprint: str = ""

    @property
    def issuer(self) -> str:
        return "、".join(a.written_name for a in self.issuers)


@dataclass
class FileResult:
    """What one file gave: its documents and what an analyst should check."""

    path: str
    documents: list[DocumentRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def text_fingerprint(lines) -> str:
    """A digest of a document's own text, blind to whitespace and line breaks: the same document
    gives the same digest wherever its file lies, whatever its file is called and however it is
    encoded or wrapped, while two different texts never share one."""
    text = "".join("".join(lines).split())  # one split of the whole text: cheaper than one a line
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
