"""Options shared by several subcommands, and how output reaches the terminal."""

from __future__ import annotations

import os
import sys
from typing import Any, Callable, List

import click

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
    "--rev", metavar="REV", help="Check the tree of this commit or tag instead of the index."
)
untracked_option = click.option(
    "--untracked", is_flag=True, help="Also include untracked files that are not ignored."
)
color_option = click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text output (auto: only on a terminal, and not when NO_COLOR is set).",
)


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
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def emit(text: str) -> None:
    click.echo(text, nl=False, color=True)


def parse_kinds(value: str, known: tuple, option: str = "--fail-on") -> List[str]:
    kinds = [k.strip() for k in value.split(",") if k.strip()]
    for kind in kinds:
        if kind not in known:
            raise click.BadParameter(f"{kind!r} is not one of {', '.join(known)}", param_hint=f"'{option}'")
    return kinds
