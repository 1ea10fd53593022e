"""HTML output: one self-contained page (inline CSS and JS, no network) with a treemap, legend and tables."""

from __future__ import annotations

import json
from html import escape
from importlib import resources
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

from ownership import __version__
from ownership.formatters.escape import for_terminal
from ownership.model.findings import FILE_FINDINGS
from ownership.model.report import Report
from ownership.core.rules import Rule
from ownership.model.words import count, verb

UNOWNED, CONFLICT, IGNORED = -1, -2, -3
MAX_ROWS = 1000  # rows per problem table; the filter box finds the rest
# Colours for roles, far from the red of unowned files and the orange of conflicts; then evenly spread hues.
PALETTE = ("#4e79a7", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#9c755f", "#a0cbe8", "#8cd17d",
           "#499894", "#d4a6c8", "#b6992d", "#86bcb6", "#79706e", "#d7b5a6", "#bab0ac")
# The alignment view (report --history): a file's owner's members author it, another role's do, or neither.
ALIGNMENT = (("aligned", "#2e9e5b", "a member of the owning role authors it"),
             ("drifted", "#8e44ad", "members of another role author it, none of the owning role"),
             ("unknown", "#b8b8b8", "no author in the history, or the role has no known member"))
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"


def role_color(index: int) -> str:
    """The colour of the ``index``-th role: the palette, then hues between yellow-green and violet."""
    if index < len(PALETTE):
        return PALETTE[index]
    return f"hsl({60 + (index * 137.508) % 240:.0f}, 55%, {48 + (index % 3) * 8}%)"


def _asset(name: str) -> str:
    return resources.files("ownership.formatters").joinpath("assets").joinpath(name).read_text(encoding="utf-8")


def _shown(name: str) -> str:
    """A file name as the page shows it: control characters and bytes that are not UTF-8 escaped."""
    return for_terminal(name)


class _Payload:
    """The data the page's script reads: directories (parents first), files, deciding rules, conflicts."""

    def __init__(self) -> None:
        self.dirs: List[List[Any]] = [["", -1]]
        self.dir_index: Dict[str, int] = {"": 0}
        self.files: List[List[Any]] = []
        self.file_index: Dict[str, int] = {}
        self.rules: List[List[Any]] = []
        self.rule_index: Dict[int, int] = {}
        self.conflicts: List[List[int]] = []

    def directory(self, path: str) -> int:
        """The index of directory ``path`` (registered with its parents) in ``dirs``, whose entries are
        ``[name, parent index]``, each name shown escaped."""
        # A loop, not recursion: a pull request can add a file 1,100 directories deep (issue 10).
        missing: List[str] = []
        while path not in self.dir_index:
            missing.append(path)
            path = path.rpartition("/")[0]
        parent = self.dir_index[path]
        for path in reversed(missing):  # the outermost unknown directory first: parents come first
            # Its name only: the script joins the names up the parents (whole paths grew as depth squared).
            self.dirs.append([_shown(path.rpartition("/")[2]), parent])
            parent = self.dir_index[path] = len(self.dirs) - 1
        return parent

    def rule(self, rule: Optional[Rule]) -> int:
        if rule is None:
            return -1
        found = self.rule_index.get(id(rule))
        if found is None:
            found = self.rule_index[id(rule)] = len(self.rules)
            self.rules.append([rule.label, _shown(rule.glob), str(rule.origin)])
        return found

    def add(self, path: str, key: int, ref: int) -> None:
        known = self.file_index.get(path)
        if known is not None:  # CODEOWNERS: a file with several owners is in several owners' lists
            row = self.files[known]
            if len(row) == 4:
                row.append([])
            row[4].append(key)
            return
        dirname, _, name = path.rpartition("/")
        self.file_index[path] = len(self.files)
        self.files.append([self.directory(dirname), _shown(name), key, ref])


def payload(rep: Report, colors: Sequence[str]) -> Dict[str, Any]:
    """Everything the treemap needs, read from the report (nothing is resolved again)."""
    data = _Payload()
    for key, entry in enumerate(rep.roles):
        rules = entry.rules or (None,) * len(entry.files)
        for path, rule in zip(entry.files, rules):
            data.add(path, key, data.rule(rule))
    for path in rep.unowned:
        data.add(path, UNOWNED, -1)
    for conflict in rep.conflicts:
        data.conflicts.append([data.rule(r) for r in conflict.candidates])
        data.add(conflict.path, CONFLICT, len(data.conflicts) - 1)
    ignored_by = rep.ignored_by or (None,) * len(rep.ignored)
    for path, rule in zip(rep.ignored, ignored_by):
        data.add(path, IGNORED, data.rule(rule))
    for exempt in rep.exempt:  # CODEOWNERS leaves them unowned on purpose: shown as the ignored files are
        data.add(exempt.path, IGNORED, data.rule(exempt.rule))
    document: Dict[str, Any] = {
        "root": _shown(rep.root),
        "roles": [{"name": e.role.name, "color": color} for e, color in zip(rep.roles, colors)],
        "dirs": data.dirs,
        "files": data.files,
        "rules": data.rules,
        "conflicts": data.conflicts,
    }
    if rep.alignment:  # per file (in "files" order) its state's index in ALIGNMENT, -1 when not owned
        states = {name: i for i, (name, _, _) in enumerate(ALIGNMENT)}
        keys = [-1] * len(data.files)
        for path, state in rep.alignment:
            index = data.file_index.get(path)
            if index is not None:
                keys[index] = states[state]
        document["alignment"] = {"names": [a[0] for a in ALIGNMENT], "colors": [a[1] for a in ALIGNMENT],
                                 "keys": keys}
    return document


Cell = Union[str, Tuple[str, str]]  # escaped HTML, or (escaped HTML, class)


def _td(cell: Cell, tag: str = "td") -> str:
    return f"<{tag}>{cell}</{tag}>" if isinstance(cell, str) else f'<{tag} class="{cell[1]}">{cell[0]}</{tag}>'


def _table(header: Sequence[Cell], rows: Sequence[Sequence[Cell]], total: int, cls: str = "") -> str:
    """An HTML table of already escaped cells; past MAX_ROWS rows it says how many are left out."""
    head = "".join(_td(h, "th") for h in header)
    body = "".join("<tr>" + "".join(_td(c) for c in row) + "</tr>" for row in rows[:MAX_ROWS])
    more = f'<p class="more">and {total - MAX_ROWS} more (use the filter above)</p>' if total > MAX_ROWS else ""
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}'


def _code(text: str) -> str:
    return f"<code>{escape(_shown(text))}</code>"


def _rule_cell(rule: Rule) -> str:
    return f"{escape(rule.label)}: {_code(rule.glob)} ({escape(str(rule.origin))})"


def _legend(rep: Report, colors: Sequence[str]) -> str:
    counted = rep.counted
    entries: List[Tuple[int, str, str, int]] = [
        (key, e.role.name, f'style="background:{color}"', len(e.files)) for key, (e, color) in enumerate(zip(rep.roles, colors))
    ]
    entries += [(UNOWNED, "unowned", 'class="swatch sw-unowned"', len(rep.unowned)),
                (CONFLICT, "conflict", 'class="swatch sw-conflict"', len(rep.conflicts)),
                (IGNORED, "explicitly unowned" if rep.kind == "CODEOWNERS" else "ignored", 'class="swatch sw-ignored"',
                 len(rep.ignored) + len(rep.exempt))]
    items = []
    for key, name, swatch, n in entries:
        swatch = swatch if swatch.startswith("class") else f'class="swatch" {swatch}'
        share = f"{100.0 * n / counted:.1f}%" if counted and key != IGNORED else ""
        items.append(
            f'<li data-key="{key}" data-role="{escape(name)}" data-count="{n}" title="{escape(name)}">'
            f'<span {swatch}></span><span class="name">{escape(name)}</span>'
            f'<span class="count">{n}</span><span class="share">{share}</span></li>'
        )
    return "".join(items)


def _problems(rep: Report) -> str:
    out = [f"<h2>Unowned files ({len(rep.unowned)})</h2>"]
    out.append(_table(["file"], [[_code(p)] for p in rep.unowned], len(rep.unowned), "unowned")
               if rep.unowned else '<p class="none">none</p>')
    out.append(f"<h2>Conflicts ({len(rep.conflicts)})</h2>")
    rows = [[_code(c.path), "<br>".join(_rule_cell(r) for r in c.candidates)] for c in rep.conflicts]
    out.append(_table(["file", "competing rules"], rows, len(rows), "conflicts") if rows else '<p class="none">none</p>')
    out.append(f"<h2>Rules that match nothing ({len(rep.unused)})</h2>")
    rows = [[escape(str(r.origin)), escape(r.label), _code(r.glob)] for r in rep.unused]
    out.append(_table(["rule", "role", "pattern"], rows, len(rows), "unused") if rows else '<p class="none">none</p>')
    if rep.problems:
        out.append(f"<h2>Lines the platform rejects ({len(rep.problems)})</h2>")
        rows = [[escape(f.where), escape(_shown(f.message))] for f in rep.problems]
        out.append(_table(["line", "problem"], rows, len(rows), "rejected"))
    return "\n".join(out)


def _alignment_legend(rep: Report) -> str:
    counts = {name: 0 for name, _, _ in ALIGNMENT}
    for _, state in rep.alignment:
        counts[state] += 1
    owned = len(rep.alignment)
    return "".join(
        f'<li data-role="{name}" data-count="{counts[name]}" title="{escape(meaning)}">'
        f'<span class="swatch" style="background:{color}"></span><span class="name">{name}</span>'
        f'<span class="count">{counts[name]}</span>'
        f'<span class="share">{100.0 * counts[name] / owned if owned else 0:.1f}%</span></li>'
        for name, color, meaning in ALIGNMENT)


def _drifted(rep: Report) -> str:
    if not rep.alignment:
        return ""
    owner = {p: e.role.name for e in rep.roles for p in e.files}
    rows = [[_code(p), escape(owner.get(p, ""))] for p, state in rep.alignment if state == "drifted"]
    out = [f"<h2>Files authored outside their role ({len(rows)})</h2>",
           _table(["file", "owning role"], rows, len(rows), "drifted") if rows else '<p class="none">none</p>']
    return "\n".join(out)


def _raci(rep: Report) -> str:
    matrix = rep.raci
    if matrix is None:
        return ""
    counted = rep.counted
    out = ['<section id="raci">', "<h2>RACI matrix</h2>",
           f'<p class="sub">{count(len(matrix.phases), "phase")} {verb(len(matrix.phases), "covers", "cover")} '
           f'{matrix.covered} of {count(counted, "file")}. R = Responsible '
           "(owns files of the phase), A = Accountable, C = Consulted, I = Informed.</p>"]
    rows: List[List[Cell]] = []
    for row in matrix.phases:
        cells: List[Cell] = [escape(row.name), (str(row.files), "num")]
        for role in matrix.roles:
            letters = row.cell(role).letters
            cells.append((letters, "cell " + {"R/A": "RA", "R": "R", "A": "A"}.get(letters, "")))
        rows.append(cells)
    header: List[Cell] = ["phase", ("files", "num"), *(escape(role) for role in matrix.roles)]
    out.append(_table(header, rows, len(rows), "raci"))
    if matrix.idle:
        out.append(f'<p class="sub">No letter on any phase: {escape(", ".join(matrix.idle))}</p>')
    findings = matrix.findings()
    out.append(f"<h2>RACI problems ({len(findings)})</h2>")
    rows = [[escape(f.kind), _code(f.path) if isinstance(f, FILE_FINDINGS) else escape(f.where),
             escape(_shown(f.message))] for f in findings]
    out.append(_table(["kind", "where", "detail"], rows, len(rows), "raci-problems") if rows else '<p class="none">none</p>')
    out.append("</section>")
    return "\n".join(out)


def _view_switch(rep: Report) -> str:
    if not rep.alignment:
        return ""
    return ('<span id="view" role="radiogroup" aria-label="Colour the tiles by">Colour by '
            '<label><input type="radio" name="view" value="owner" checked> owner</label> '
            '<label><input type="radio" name="view" value="alignment"> alignment</label></span>')


def _alignment_panel(rep: Report) -> str:
    if not rep.alignment:
        return ""
    return ('<div class="panel" id="alignment-panel"><h3>Alignment (from git history)</h3>'
            f'<ul id="alignment-legend">{_alignment_legend(rep)}</ul></div>')


def _script_json(document: Dict[str, Any]) -> str:
    # Inside <script>, "</" could close the element and "<!--" open a comment: escape "<" in the JSON text.
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def report(rep: Report, color: bool = False, list_files: bool = False, limit: int = 0) -> str:
    """The page. ``color`` and ``list_files`` are for the text formats; the page always has everything."""
    colors = [role_color(i) for i in range(len(rep.roles))]
    summary = rep.summary()
    figures = "".join(
        f'<li class="{cls}" data-figure="{key}"><b>{value}</b>{key}</li>'
        for key, value, cls in (
            ("files", summary["files"], ""), ("owned", summary["owned"], ""),
            ("unowned", summary["unowned"], "bad" if summary["unowned"] else ""),
            ("conflicts", summary["conflicts"], "warn" if summary["conflicts"] else ""),
            ("ignored", summary["ignored"], ""), ("coverage", f"{rep.coverage:.1f}%", ""),
        )
    )
    title = f"Ownership of {_shown(rep.repository or rep.root)}"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>{escape(title)}</title>
<style>
{_asset("report.css")}</style>
</head>
<body>
<header>
<h1>{escape(title)}</h1>
<p class="sub">{escape(rep.described[:1].upper() + rep.described[1:])} &middot; ownership {__version__}</p>
<ul class="figures">{figures}</ul>
</header>
<main>
<noscript><p>The treemap needs JavaScript; the tables below do not.</p></noscript>
<div class="toolbar"><input id="filter" type="search" placeholder="Filter: part of a path, or owner:NAME" aria-label="Filter files">{_view_switch(rep)}<span id="crumbs"></span></div>
<div class="layout">
<div id="treemap" role="img" aria-label="Treemap of the files, area by number of files, colour by owning role"></div>
<aside>
<div class="panel"><h3>Owners</h3><ul id="legend">{_legend(rep, colors)}</ul></div>{_alignment_panel(rep)}
<div class="panel"><h3>Selected</h3><div id="details"><p class="none">Hover over a tile for its path, owner and deciding rule; click a file to keep it here, a directory to zoom in.</p></div></div>
<div class="panel" id="match-panel" hidden><h3 id="match-count"></h3><ul id="matches"></ul></div>
</aside>
</div>
<section id="problems">
{_problems(rep)}
{_drifted(rep)}
</section>
{_raci(rep)}
</main>
<div id="tip"></div>
<script type="application/json" id="ownership-data">{_script_json(payload(rep, colors))}</script>
<script>
{_asset("report.js")}</script>
</body>
</html>
"""
