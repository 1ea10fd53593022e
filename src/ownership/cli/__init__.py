"""The ``ownership`` command: a click group with one module per subcommand; only ``main`` exits."""

from __future__ import annotations

import gc
import importlib
from typing import Dict, List, Optional, Sequence, Tuple

import click

from ownership import __version__
from ownership.errors import OwnershipError

# Every command, by name: its module and the click command in it. A command's module is imported when the
# command runs (or --help lists them all): lazily, for start-up time, as the hook runs on every commit and
# `ownership check` needs none of the other eight (issue 14).
COMMANDS: Dict[str, Tuple[str, str]] = {
    "report": ("ownership.cli.report", "report_command"),
    "check": ("ownership.cli.check", "check_command"),
    "who": ("ownership.cli.who", "who_command"),
    "init": ("ownership.cli.init", "init_command"),
    "codeowners": ("ownership.cli.codeowners", "codeowners_command"),
    "import": ("ownership.cli.importer", "import_command"),
    "diff": ("ownership.cli.diff", "diff_command"),
    "baseline": ("ownership.cli.baseline", "baseline_command"),
    "raci": ("ownership.cli.raci", "raci_command"),
    "history": ("ownership.cli.history", "history_command"),
    "suggest": ("ownership.cli.suggest", "suggest_command"),
}


class _Commands(click.Group):
    """A click group whose commands are imported on first use (click's "lazily loading subcommands")."""

    def list_commands(self, ctx: click.Context) -> List[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> Optional[click.Command]:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, name = COMMANDS[cmd_name]
            command = getattr(importlib.import_module(module), name)
            assert isinstance(command, click.Command)
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="ownership")
def cli() -> None:
    """Make the owner of every file in a git repository explicit and checked.

    A role map (ownership.toml) ties path patterns to roles; ownership lists the files git tracks,
    resolves the owner of each and reports unowned files, conflicting owners, files per role and
    rules that match nothing.

    \b
    Examples:
      ownership init                          # write a starter ownership.toml for this repository
      ownership report                        # files per role, unowned files, conflicts, coverage
      ownership check                         # problems only; exit 1 when there are any
      ownership who src/app/train.py          # which rule decides this path, and why
      ownership codeowners --write            # generate .github/CODEOWNERS from the role map
      ownership import                        # turn an existing CODEOWNERS into a role map
      ownership check --base origin/main      # pull requests: only the files they add or change
      ownership diff origin/main              # whose files a change hands to whom
      ownership baseline                      # record today's problems; check --baseline fails on new ones
      ownership raci                          # the RACI matrix of the lifecycle phases
      ownership history                       # who really does the work: authors from git history, truck factor
      ownership suggest --write               # owners for unowned files, from who authors them

    Exit status: 0 done (check: no problems), 1 check found problems, 2 usage, configuration or git error.
    """


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; returns the exit status instead of exiting."""
    # A run allocates millions of small objects and frees none of them in cycles: the cyclic garbage
    # collector would only rescan them (about 20% of a million-file report).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(argv)
    finally:
        if collecting:
            gc.enable()


def run(argv: Optional[Sequence[str]] = None) -> int:
    """The ``ownership`` command (and ``python -m ownership``): ``main``, whose objects are then left to the
    operating system. At exit the interpreter collects garbage once more over every object still tracked:
    3 ms after ``--version``, 9 ms after a hook's check of a 5,000-pattern role map, 0.2 s after a
    million-file report, whose directory states are freed in cycles (issue 14). Frozen, they are skipped;
    every file the run wrote is already closed, and the standard streams are flushed as ever."""
    status = main(argv)
    gc.freeze()
    return status


def _run(argv: Optional[Sequence[str]]) -> int:
    # lazily, for start-up time: a command imports only what it runs
    from ownership.cli.options import OutputError

    try:
        result = cli.main(args=list(argv) if argv is not None else None, prog_name="ownership", standalone_mode=False)
    except OwnershipError as err:
        # One line whatever the message quotes (a path argument may hold a newline or an escape sequence).
        from ownership.formatters.escape import inline  # lazily: the formatters cost 30 ms to import

        return _fail(f"ownership: error: {inline(str(err))}")
    except OutputError as err:  # `report > /dev/full`, a closed standard output, `report | head`
        return _fail(f"ownership: error: {err}")
    except BrokenPipeError:  # written by click itself (--help, --version) to a reader that is gone
        return _fail("ownership: error: cannot write standard output: the reader has gone (broken pipe)")
    except click.exceptions.Exit as err:
        return err.exit_code
    except click.ClickException as err:
        try:
            err.show()
        except (OSError, ValueError, AttributeError):
            pass
        return 2
    except click.Abort:
        return _fail("ownership: aborted", 130)
    return result if isinstance(result, int) else 0


def _fail(line: str, status: int = 2) -> int:
    """Say ``line`` on standard error and return ``status``; when even that cannot be written, the status
    alone says it (an error while printing an error is still an error: 2, never 1, "problems found")."""
    # lazily, for start-up time: a command imports only what it runs
    from ownership.cli.options import OutputError, say

    try:
        say(line)
    except OutputError:
        pass
    return status
