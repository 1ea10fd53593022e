"""Output formats: pure functions from the result model to text, kept in ``FORMATTERS`` by name.

Each format is a ``Formatter``: the functions it offers (``report`` always; ``check``, ``who``, ``diff`` and
``raci`` where it has them) and what its report needs from the core, so that a command asks the format
instead of testing its name. None of them recomputes anything the model holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Iterator, Mapping, Optional, Protocol, Sequence

from ownership.core.record import Record

if TYPE_CHECKING:  # the formats themselves are imported when one is asked for (see ``_load``)
    from ownership.model.changes import OwnershipDiff
    from ownership.model.report import Explanation, Report


# ``list_files`` and ``limit`` shape the human formats' long lists (text and markdown roll unowned files up by
# directory); the machine formats (json, github, sarif) and the html page are always complete.
# The signatures every format's functions share (positional parameters named ``__x`` so that only their
# order, not the name a module gives them, must agree).
class ReportFormat(Protocol):
    def __call__(self, __rep: Report, color: bool = ..., list_files: bool = ..., limit: int = ...) -> str: ...


class CheckFormat(Protocol):
    def __call__(self, __rep: Report, __kinds: Sequence[str], color: bool = ..., warn: Sequence[str] = ...,
                 list_files: bool = ..., limit: int = ...) -> str: ...


class WhoFormat(Protocol):
    def __call__(self, __explanations: Sequence[Explanation], __resolution: str, color: bool = ...) -> str: ...


class DiffFormat(Protocol):
    def __call__(self, __diff: OwnershipDiff, color: bool = ...) -> str: ...


class RaciFormat(Protocol):
    def __call__(self, __rep: Report, color: bool = ...) -> str: ...


class Formatter(Record):
    """One output format: its functions (``None`` where it has none) and what it needs from the core. A
    ``Record``, not a frozen dataclass: every command makes one, and creating the class cost 1 ms at import,
    the ``dataclasses`` module as much again (issue 14)."""

    __slots__ = ("report", "check", "who", "diff", "raci", "lists_lint", "deciding", "commands", "titled")

    def __init__(self, report: ReportFormat, check: Optional[CheckFormat] = None, who: Optional[WhoFormat] = None,
                 diff: Optional[DiffFormat] = None, raci: Optional[RaciFormat] = None, lists_lint: bool = False,
                 deciding: bool = False, commands: bool = False, titled: bool = False) -> None:
        self.report = report
        self.check = check
        self.who = who
        self.diff = diff
        self.raci = raci
        # Its report lists findings one by one, so a CODEOWNERS report gathers the lint findings too (the
        # others show a report's files, conflicts and unused rules, and leave lint to ``check``).
        self.lists_lint = lists_lint
        # Its report shows the rule that decides each file (and the ignore rule of each ignored one).
        self.deciding = deciding
        # Its output holds workflow commands on purpose (escaping what it quotes), so it is printed unguarded.
        self.commands = commands
        # Its page is titled with the repository's name (``Report.repository``), which the command then looks up.
        self.titled = titled


FORMAT_NAMES = ("text", "json", "markdown", "github", "sarif", "html")


def _load(name: str) -> Formatter:
    """The format ``name``; lazily, for start-up time: a command imports only the format it prints (the six
    and what they import cost about as much as the rest of a hook's check; issue 14)."""
    if name == "text":
        from ownership.formatters import text
        return Formatter(text.report, text.check, text.who, text.diff, text.raci)
    if name == "json":
        from ownership.formatters import json
        return Formatter(json.report, json.check, json.who, json.diff, json.raci)
    if name == "markdown":
        from ownership.formatters import markdown
        return Formatter(markdown.report, markdown.check, markdown.who, markdown.diff, markdown.raci)
    if name == "github":
        from ownership.formatters import github
        return Formatter(github.report, github.check, lists_lint=True, commands=True)
    if name == "sarif":
        from ownership.formatters import sarif
        return Formatter(sarif.report, sarif.check, lists_lint=True)
    if name == "html":
        from ownership.formatters import html
        return Formatter(html.report, deciding=True, titled=True)
    raise KeyError(name)


class _Formatters(Mapping[str, Formatter]):
    """The formats by name, each imported on first use."""

    def __init__(self) -> None:
        self._loaded: Dict[str, Formatter] = {}

    def __getitem__(self, name: str) -> Formatter:
        found = self._loaded.get(name)
        if found is None:
            found = self._loaded[name] = _load(name)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(FORMAT_NAMES)

    def __len__(self) -> int:
        return len(FORMAT_NAMES)


FORMATTERS: Mapping[str, Formatter] = _Formatters()
