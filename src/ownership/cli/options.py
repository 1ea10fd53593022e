"""Options shared by several subcommands, and how output reaches the terminal."""

from __future__ import annotations

import functools
import os
import sys
from typing import Any, Callable, List, Optional

import click

from ownership.errors import UsageError

FORMATS = ("text", "json", "markdown")
CI_FORMATS = FORMATS + ("github", "sarif")  # for findings: annotations and code scanning

config_option = click.option(
    "--config", "-c", metavar="FILE", help="Role map to use instead of the one found in the root."
)
root_option = click.option(
    "--root", metavar="DIR", help="Directory whose role map applies (default: top of the current work tree)."
)
codeowners_option = click.option(
    "--codeowners", metavar="FILE",
    help="Read this CODEOWNERS file (found as GitHub finds it when the root has no role map).",
)
dialect_option = click.option(
    "--dialect", type=click.Choice(["github", "gitlab"]),
    help="CODEOWNERS semantics (default: gitlab when the file has [Section] headers, else github).",
)
rev_option = click.option(
    "--rev", metavar="REV",
    help="Check the tree of this commit or tag instead of the index, under the rules it holds (unless --config or "
    "--codeowners names a file).",
)
untracked_option = click.option(
    "--untracked", is_flag=True, help="Also include untracked files that are not ignored."
)
limit_option = click.option(
    "--limit", type=click.IntRange(min=0), default=20, show_default=True, metavar="N",  # rollup.DEFAULT_LIMIT
    help="Text and markdown: more unowned files than N are rolled up by directory (counts, the biggest first, "
    "at most N rows); 0 lists every file. JSON, SARIF and github output are always complete.",
)
color_option = click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text output (auto: only on a terminal, and not when NO_COLOR is set).",
)


ROOT_HELP = "Directory whose rules apply (default: top of the current work tree); the same as ROOT."


def root_argument(command: Any) -> Any:
    """``[ROOT]`` and ``--root DIR``, one of the two: the commands whose argument is the root take ``--root``
    too, as ``check``, ``who``, ``diff`` and ``baseline`` (whose arguments are files or a revision) do, so that
    ``--root`` works with every command. The function gets one ``root``."""

    @functools.wraps(command)
    def merged(*args: Any, root: Optional[str] = None, root_option: Optional[str] = None, **kwargs: Any) -> Any:
        if root is not None and root_option is not None and root != root_option:
            raise UsageError(f"ROOT {root!r} and --root {root_option!r} differ: give the root once")
        return command(*args, root=root if root is not None else root_option, **kwargs)

    merged = click.option("--root", "root_option", metavar="DIR", help=ROOT_HELP)(merged)
    return click.argument("root", required=False)(merged)


def base_argument(command: Any) -> Any:
    """``REF`` or ``--base REF``: the pull request's base, under the name ``check`` and the Action give it."""

    @functools.wraps(command)
    def merged(*args: Any, ref: Optional[str] = None, base: Optional[str] = None, **kwargs: Any) -> Any:
        if ref is None and base is None:
            raise UsageError("give the revision to compare with: REF or --base REF")
        if ref is not None and base is not None and ref != base:
            raise UsageError(f"REF {ref!r} and --base {base!r} differ: give the revision once")
        return command(*args, ref=ref if ref is not None else base, **kwargs)

    merged = click.option("--base", metavar="REF", help="The same as REF: the pull request's base.")(merged)
    return click.argument("ref", required=False)(merged)


def output_option(help: str, *aliases: str, dest: str = "output", **settings: Any) -> Callable[[Any], Any]:
    """``-o/--output FILE``: every command that writes a file names it so (``aliases``: its older names)."""
    return click.option("--output", "-o", *aliases, dest, metavar="FILE", help=help, **settings)


def format_option(choices: tuple = FORMATS, default: str = "text") -> Callable[[Any], Any]:
    auto = " (auto: github inside GitHub Actions, else text)" if "auto" in choices else ""
    return click.option(
        "--format", "-f", "fmt", type=click.Choice(list(choices)), default=default, show_default=True,
        help=f"Output format{auto}.",
    )


def resolve_format(fmt: str) -> str:
    """``auto`` is ``github`` in a GitHub Actions job (which sets GITHUB_ACTIONS=true), else ``text``."""
    if fmt != "auto":
        return fmt
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def rules_options(command: Any) -> Any:
    """--root, --config, --codeowners and --dialect: which rules apply, for the commands without a ROOT."""
    for option in (dialect_option, codeowners_option, config_option, root_option):
        command = option(command)
    return command


def tree_options(command: Any) -> Any:
    """--rev and --untracked: which files."""
    return rev_option(untracked_option(command))


def use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return sys.stdout is not None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


class OutputError(Exception):
    """Standard output or standard error cannot be written (a full disk, a closed pipe): exit 2."""

    def __init__(self, stream: str, reason: str) -> None:
        super().__init__(f"cannot write {stream}: {reason}")


_COMMAND_LINE = None  # compiled on first use


def guarded(text: str, stream: "Any") -> str:
    """``text`` as it may reach a GitHub Actions runner (GITHUB_ACTIONS=true, and the stream is not a regular
    file): when a line of it would still be read as a workflow command (after leading white space ``::``, or
    ``##[`` anywhere: the formatters escape both, so only raw file content such as a generated CODEOWNERS
    can hold one), the whole text is wrapped in ``::stop-commands::TOKEN`` ... ``::TOKEN::`` with a random
    token, so the runner prints it and runs nothing. Anywhere else ``text`` unchanged."""
    global _COMMAND_LINE
    if os.environ.get("GITHUB_ACTIONS") != "true":
        return text
    import re

    if _COMMAND_LINE is None:
        _COMMAND_LINE = re.compile(r"^[^\S\n]*::", re.MULTILINE)
    # A lone CR also starts a line for the runner; substring tests first: this may see a million-line report.
    if "##[" not in text and "\r" not in text and ("::" not in text or not _COMMAND_LINE.search(text)):
        return text
    try:
        import stat

        if stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            return text  # redirected to a file: no runner reads it
    except (AttributeError, OSError, ValueError):
        pass
    import secrets

    token = secrets.token_hex(16)
    return f"::stop-commands::{token}\n{text}{'' if text.endswith(chr(10)) else chr(10)}::{token}::\n"


def _write(text: str, err: bool, commands: bool = False) -> None:
    """Write ``text`` to standard output (or error), whatever it holds: a character the stream's encoding
    lacks is written as a ``\\uXXXX`` escape (the bars of the text report as ``#``), a byte that is not
    UTF-8 as itself; a stream that cannot be written raises ``OutputError``."""
    stream = sys.stderr if err else sys.stdout
    name = "standard error" if err else "standard output"
    if stream is None:
        raise OutputError(name, "it is closed")
    if not commands:
        text = guarded(text, stream)
    try:
        binary = stream.buffer
    except AttributeError:  # a stream without bytes underneath (click's test runner gives one with)
        binary = None
    try:
        if binary is None:
            stream.write(text)
        else:
            encoding = getattr(stream, "encoding", None) or "utf-8"
            try:
                data = text.encode(encoding, "surrogateescape")
            except (UnicodeEncodeError, LookupError):
                data = _narrow(text, encoding)
            stream.flush()
            binary.write(data)
        stream.flush()
    except BrokenPipeError:
        raise OutputError(name, "the reader has gone (broken pipe)") from None
    except OSError as error:
        raise OutputError(name, error.strerror or str(error)) from None
    except ValueError:  # "I/O operation on closed file"
        raise OutputError(name, "it is closed") from None


_BARS = {ord(c): "#" for c in "█▉▊▋▌▍▎▏"}


def _narrow(text: str, encoding: str) -> bytes:
    """``text`` in an encoding that lacks some of its characters: bars drawn with ``#``, arrows as ``->``, any
    other missing character as a backslash escape."""
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "utf-8"
    text = text.translate({**_BARS, ord("→"): "->"})
    out = []
    for char in text:
        try:
            out.append(char.encode(encoding, "surrogateescape"))
        except UnicodeEncodeError:
            out.append(char.encode("ascii", "backslashreplace"))
    return b"".join(out)


def emit(text: str, commands: bool = False) -> None:
    """Print ``text`` on standard output. ``commands``: it holds workflow commands on purpose (the github
    format, which escapes everything it quotes), so it is not guarded."""
    _write(text, err=False, commands=commands)


def say(line: str) -> None:
    """Print one line on standard error (a warning, a note, an error): its caller escapes what it quotes."""
    _write(line + "\n", err=True)


def note_rules(project: Any) -> None:
    """Say which rules file and revision were read, when ``--rev`` read the rules from a revision (issue 12)."""
    if getattr(project, "revision", None) is not None:
        from ownership.formatters.escape import inline

        say(f"ownership: note: rules read from {inline(project.rules.source)}, as they were in "
            f"{inline(project.revision)}")


def parse_kinds(value: str, known: tuple, option: str = "--fail-on") -> List[str]:
    kinds = [k.strip() for k in value.split(",") if k.strip()]
    for kind in kinds:
        if kind not in known:
            raise click.BadParameter(f"{kind!r} is not one of {', '.join(known)}", param_hint=f"'{option}'")
    return kinds
