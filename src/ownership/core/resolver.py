"""The tree resolver: the rules matching every file of a tree, as a segment automaton. Pure; no I/O.

``Resolver`` finds the rules matching each file of a whole tree without testing every pattern against every
path: patterns run as a segment automaton over the directory tree, so each directory is visited once and its
state is shared by all its files and subdirectories. Per directory it knows the rules that cover it (a pattern
matched the directory or one above it) and the rules still waiting for a base name; per file what remains is a
few dictionary look-ups of the base name (literal names, ``*.ext`` suffixes and ``name*`` prefixes are keyed,
other globs are tested). Base names are nearly all distinct, so none is remembered; a sieve of literal names
and extensions sets aside, in two look-ups, the names that no rule waiting there can match (most of them), and
the subdirectories that move no pattern on. ``matched`` keeps, per outcome, every rule
matching its files: ``who`` lists them from there. ``matcher.matching_rules`` is the plain pattern-by-pattern
reference the tests compare the resolver with.

Patterns and paths come from a pull request's author, so the cost is bounded whatever they are (issue 10,
point 7): a directory costs at most the length of the patterns still alive there, and keeps at most one
``**`` state and one bit mask per pattern, so memory grows with the path, not with path x pattern.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, FrozenSet, Iterable, List, Optional, Sequence, Tuple

from ownership.core.matcher import Outcome, decide
from ownership.core.patterns import DOUBLE_STAR, End, Segment, SegmentGlob
from ownership.core.rules import Rule


State = Tuple[int, int]  # (pattern slot, number of pattern segments consumed)


class _SegmentIndex:
    """(segment, value) pairs keyed for fast look-up of one name: literal names, extensions (``*.py``),
    other suffixes and prefixes (``*_test.go``, ``Dockerfile*``), and the remaining globs."""

    __slots__ = ("pairs", "every", "names", "extensions", "suffixes", "prefixes", "globs", "cache", "tails", "sifted")

    def __init__(self, pairs: Iterable[Tuple[Segment, int]]) -> None:
        self.pairs = tuple(pairs)  # kept to merge indexes (see Resolver._files_index)
        every: Tuple[int, ...] = ()  # "*" matches every name
        names: Dict[str, Tuple[int, ...]] = {}
        extensions: Dict[str, Tuple[int, ...]] = {}
        suffixes: Dict[int, Dict[str, Tuple[int, ...]]] = {}  # -length -> {suffix: values}
        prefixes: Dict[int, Dict[str, Tuple[int, ...]]] = {}  # length -> {prefix: values}
        globs: Tuple[Tuple[SegmentGlob, int], ...] = ()
        # The sieve: a name can match only if it is a literal name or its extension (from its last dot) ends
        # one of the suffixes, when every suffix has a dot and there is no "*", prefix or other glob. Most
        # names of a tree match nothing: ``Resolver`` sifts them with two look-ups and no call.
        tails = set()
        sifted = True
        for segment, value in self.pairs:
            if isinstance(segment, str):
                names[segment] = names.get(segment, ()) + (value,)
            elif not isinstance(segment, SegmentGlob):
                continue
            elif segment.text.strip("*") == "":
                every += (value,)
                sifted = False
            elif segment.is_suffix:
                suffix = str(segment.chunks[1])
                dot = suffix.rfind(".")
                if dot == 0:
                    extensions[suffix] = extensions.get(suffix, ()) + (value,)
                else:
                    table = suffixes.setdefault(-len(suffix), {})
                    table[suffix] = table.get(suffix, ()) + (value,)
                if dot < 0:
                    sifted = False
                else:
                    tails.add(suffix[dot:])
            elif segment.is_prefix:
                prefix = str(segment.chunks[0])
                table = prefixes.setdefault(len(prefix), {})
                table[prefix] = table.get(prefix, ()) + (value,)
                sifted = False
            else:
                globs += ((segment, value),)
                sifted = False
        self.every = every
        self.names = names
        self.extensions = extensions
        # (-length, {suffix: values}): one slice and one dictionary look-up per distinct length.
        self.suffixes = tuple(suffixes.items())
        self.prefixes = tuple(prefixes.items())
        self.globs = globs
        self.tails = frozenset(tails)
        self.sifted = sifted
        self.cache: Dict[str, Tuple[int, ...]] = {}

    def __bool__(self) -> bool:
        return bool(self.every or self.names or self.extensions or self.suffixes or self.prefixes or self.globs)

    def match(self, name: str) -> Tuple[int, ...]:
        """Every value whose segment matches ``name``. Most names of a tree match nothing: that costs a few
        dictionary look-ups and no new tuple."""
        found = self.names.get(name, ())
        if self.every:
            found = self.every + found
        if self.extensions:
            dot = name.rfind(".")
            if dot >= 0:
                hit = self.extensions.get(name[dot:])
                if hit is not None:
                    found += hit
        for start, table in self.suffixes:  # a suffix longer than the name finds nothing: no check
            hit = table.get(name[start:])
            if hit is not None:
                found += hit
        for end, table in self.prefixes:
            hit = table.get(name[:end])
            if hit is not None:
                found += hit
        for glob, value in self.globs:
            if glob.match(name):
                found += (value,)
        return found

    def lookup(self, name: str) -> Tuple[int, ...]:
        """``match``, remembered per name (directory names repeat across the tree)."""
        found = self.cache.get(name)
        if found is None:
            found = self.cache[name] = self.match(name)
        return found


_NOTHING = _SegmentIndex(())


class _Step:
    """What a set of automaton states does next: the states a directory name leads to, the rules a base
    name completes. Values in ``dirs`` are indexes into ``targets``; in ``files``, rule positions."""

    __slots__ = ("dirs", "targets", "files", "slots")

    def __init__(self, moves: Sequence[Tuple[Segment, State]], finals: Sequence[Tuple[Segment, int]]) -> None:
        self.targets = [state for _, state in moves]
        self.dirs = _SegmentIndex((segment, i) for i, (segment, _) in enumerate(moves))
        self.files = _SegmentIndex(finals) if finals else _NOTHING
        self.slots = frozenset(rule for rule, _ in self.targets)


class _Directory:
    """The automaton at one directory: ``**`` steps inherited from above, its own plain states and the
    rules covering it. Directories in the same state share one object (and so their caches).

    Memory stays bounded by the path, not by path x pattern (issue 10, point 7): a pattern keeps at most
    one ``**`` state (the furthest one reached dominates the others: whatever an earlier ``**`` can still
    match, the later one can too), none once it covers the directory, and its plain states are one bit
    mask per pattern; the index that moves them is rebuilt when needed unless it is small."""

    __slots__ = ("star_steps", "star_at", "plain", "cover", "moves", "files", "outcomes", "inert", "sieve")

    def __init__(self, resolver: "Resolver", star_steps: Tuple[_Step, ...], star_at: Dict[int, int],
                 plain: Tuple[Tuple[int, int], ...], cover: Tuple[int, ...]) -> None:
        self.star_steps = star_steps
        self.star_at = star_at  # slot -> the furthest ``**`` entered below the root (alive in every subdirectory)
        self.plain = plain  # (slot, bit mask of the pattern positions reached), for the next name only
        self.cover = cover
        self.moves: Optional[_Step] = None  # the index moving ``plain`` (kept when small)
        finals = resolver._finals(plain) if plain else None
        # One index for every base-name rule alive here (merged, and shared by the states alive alike).
        self.files = resolver._files_index(tuple(step.files for step in star_steps if step.files)
                                           + ((finals,) if finals else ()))
        self.outcomes = resolver._outcome_table(cover)  # (base-name rules) -> outcome, shared by cover
        self.inert: Optional[_Directory] = None  # the state of a subdirectory that no pattern moves
        self.sieve: Optional[Tuple[FrozenSet[str], ...]] = None  # see Resolver._sieve (None: not built yet)


_SIEVE = 4096  # names and extensions at most in a state's sieve (Resolver._sieve)
_KEYED = 1024  # directories whose path is at most this long are keyed by it (see Resolver._directory)


class _Node:
    """One directory below a long path: its state and its subdirectories by name."""

    __slots__ = ("state", "children")

    def __init__(self, state: _Directory) -> None:
        self.state = state
        self.children: Optional[Dict[str, _Node]] = None

    def child(self, resolver: "Resolver", name: str) -> "_Node":
        """The subdirectory ``name``, built on first use."""
        if self.children is None:
            self.children = {}
        found = self.children.get(name)
        if found is None:
            found = self.children[name] = _Node(resolver._child(self.state, name))
        return found


def _positions(mask: int) -> List[int]:
    """The set bits of ``mask``, lowest first (cheap for the few bits of a small mask, however high)."""
    found = []
    while mask:
        low = mask & -mask
        found.append(low.bit_length() - 1)
        mask ^= low
    return found


class Resolver:
    """Resolves many paths against one ordered rule list; ``decider`` (default ``decide``) makes a file's result."""

    def __init__(self, rules: Sequence[Rule], resolution: str, decider: Callable[[List[Rule], str], Any] = decide) -> None:
        self.rules = tuple(rules)
        self.resolution = resolution
        self.decider = decider
        # The automaton runs on distinct patterns ("slots"): a pattern written for many roles, or many times,
        # is matched once; its rules are brought back only to decide a file's outcome.
        slot_of: Dict[Tuple[Any, ...], int] = {}
        self._members: List[List[int]] = []  # slot -> positions of its rules
        self._segments: List[Tuple[Segment, ...]] = []
        self._ends: List[End] = []
        for position, rule in enumerate(self.rules):
            pattern = rule.pattern
            key = (type(pattern), rule.glob, pattern.end, tuple(map(repr, pattern.segments)))
            slot = slot_of.get(key)
            if slot is None:
                slot = slot_of[key] = len(self._members)
                self._members.append([])
                self._segments.append(pattern.segments)
                self._ends.append(pattern.end)
            self._members[slot].append(position)
        self._tables: Dict[Tuple[int, ...], Dict[Tuple[int, ...], Outcome]] = {}
        self._merged: Dict[Tuple[_SegmentIndex, ...], _SegmentIndex] = {}
        # Directories in different states often share their plain states (5,691 distinct of 8,857 in the
        # million-file tree): what those move and complete is built once for each.
        self._plain_moves: Dict[Tuple[Tuple[int, int], ...], _Step] = {}
        self._plain_finals: Dict[Tuple[Tuple[int, int], ...], Optional[_SegmentIndex]] = {}
        self._used_covers: set = set()
        self._used_extras: set = set()
        self.matched: Dict[int, Tuple[int, ...]] = {}  # id(outcome) -> positions of every rule matching its files
        self._star_masks = [sum(1 << at for at, s in enumerate(segments) if s is DOUBLE_STAR)
                            for segments in self._segments]
        self._by_segment: Dict[int, Tuple[_SegmentIndex, Tuple[int, ...]]] = {}
        stars, plain, cover = self._close({i: 1 for i in range(len(self._members))}, {}, set())
        self._root = _Directory(self, self._star_steps((), stars), {}, plain, tuple(sorted(cover)))
        self._dirs: Dict[str, _Directory] = {"": self._root}
        self._deep: Dict[str, _Node] = {}  # directories below a path of _KEYED characters, by name

    def resolve(self, paths: Iterable[str]) -> List[Outcome]:
        """The outcome of every path, in order; also records which rules were used."""
        results: List[Outcome] = []
        append = results.append
        last_dir: Optional[str] = None
        directory = self._root
        match: Callable[[str], Tuple[int, ...]] = _NOTHING.match
        names: Dict[str, Tuple[int, ...]] = {}
        tails: FrozenSet[str] = frozenset()
        sifted = True
        outcomes: Dict[Tuple[int, ...], Outcome] = {}
        nothing: Optional[Outcome] = None  # the outcome of a name that no base-name rule matches here
        used_covers = self._used_covers
        state: Optional[_Directory] = None
        known_dirs = self._dirs
        for path in paths:  # the hot loop: most files cost two look-ups for their name, and one for the outcome
            dirname, _, name = path.rpartition("/")
            if dirname != last_dir:
                last_dir = dirname
                directory = known_dirs.get(dirname) or self._directory(dirname)
                if directory is not state:  # sibling directories often share a state
                    state = directory
                    index = directory.files or _NOTHING
                    names, tails, sifted, match = index.names, index.tails, index.sifted, index.match
                    outcomes = directory.outcomes
                    nothing = outcomes.get(())
                    used_covers.add(directory.cover)
            # Base names are nearly all distinct (of a million files, 940,000 names are new to their
            # directory's state), so nothing is cached per name: names that match no rule are sifted out.
            # (Without a dot, ``rfind`` gives -1 and the slice is the last character, never a tail: those
            # start with a dot.)
            if sifted and name not in names and name[name.rfind("."):] not in tails:  # (no index: sifted, empty)
                found = nothing
                if found is None:
                    found = nothing = self._file(directory, name)
            else:
                found = outcomes.get(match(name))
                if found is None:
                    found = self._file(directory, name)
            append(found)
        return results

    def _file(self, directory: _Directory, name: str) -> Outcome:
        extra = directory.files.match(name) if directory.files is not None else ()
        found = directory.outcomes.get(extra)
        if found is None:
            self._used_extras.update(extra)
            members = self._members
            positions = tuple(sorted({i for slot in set(directory.cover).union(extra) for i in members[slot]}))
            found = directory.outcomes[extra] = self.decider([self.rules[i] for i in positions], self.resolution)
            self.matched[id(found)] = positions
        return found

    @property
    def used(self) -> set:
        """Positions of the rules that matched at least one resolved file."""
        slots = set(self._used_extras)
        for cover in self._used_covers:
            slots.update(cover)
        return {i for slot in slots for i in self._members[slot]}

    @property
    def unused(self) -> List[Rule]:
        used = self.used
        return [r for i, r in enumerate(self.rules) if i not in used]

    def _files_index(self, indexes: Tuple[_SegmentIndex, ...]) -> Optional[_SegmentIndex]:
        """The base-name rules of several indexes as one (one look-up per name, not one per index)."""
        if len(indexes) < 2:
            return indexes[0] if indexes else None
        found = self._merged.get(indexes)
        if found is None:
            found = self._merged[indexes] = _SegmentIndex(pair for index in indexes for pair in index.pairs)
        return found

    def _outcome_table(self, cover: Tuple[int, ...]) -> Dict[Tuple[int, ...], Outcome]:
        table = self._tables.get(cover)
        if table is None:
            table = self._tables[cover] = {}
        return table

    # -- per directory

    def _directory(self, dirname: str) -> _Directory:
        """The state at ``dirname``, built from its nearest known ancestor downwards."""
        found = self._dirs.get(dirname)
        if found is not None:
            return found
        if len(dirname) > _KEYED:
            # Keying every ancestor of a long path by its own path would hold O(depth x length) characters
            # (383 MiB for one 40,001-character path): below the last ancestor short enough to be keyed,
            # directories are found by name, and only those asked for are keyed.
            cut = dirname.rfind("/", 0, _KEYED + 1)
            prefix = dirname[:cut] if cut > 0 else ""
            node = self._deep.get(prefix)
            if node is None:
                node = self._deep[prefix] = _Node(self._directory(prefix))
            for name in dirname[cut + 1:].split("/"):
                node = node.child(self, name)
            found = self._dirs[dirname] = node.state
            return found
        above, _, name = dirname.rpartition("/")
        known = self._dirs.get(above)
        if known is not None:  # the usual case in git's order: the parent was just visited
            sieve, inert = known.sieve, known.inert
            if sieve and inert is not None and name not in sieve[0] and name[name.rfind("."):] not in sieve[1]:
                found = inert  # what _child would find, without the calls (most directories)
            else:
                found = self._child(known, name)
            self._dirs[dirname] = found
            return found
        missing = [dirname]
        parent = dirname.rpartition("/")[0]
        while parent not in self._dirs:
            missing.append(parent)
            parent = parent.rpartition("/")[0]
        directory = self._dirs[parent]
        for path in reversed(missing):
            directory = self._dirs[path] = self._child(directory, path.rpartition("/")[2])
        return directory

    def _child(self, parent: _Directory, name: str) -> _Directory:
        sieve = parent.sieve
        if sieve is None:
            sieve = parent.sieve = self._sieve(parent)
        if sieve and name not in sieve[0] and name[name.rfind("."):] not in sieve[1]:
            return self._inert(parent)  # most directories: no pattern moves on (93% of the million-file tree)
        reached: Dict[int, int] = {}  # rule -> bit mask of the pattern positions ``name`` leads to
        moves = self._moves(parent)
        for step in parent.star_steps + ((moves,) if moves else ()):
            hits = step.dirs.lookup(name)
            for i in hits:
                rule, at = step.targets[i]
                reached[rule] = reached.get(rule, 0) | 1 << at
        if parent.plain and moves is None:  # many positions alive at once: move them as bit masks
            for rule, mask in parent.plain:
                moved = (mask & self._positions_matching(rule, name)) << 1
                if moved:
                    reached[rule] = reached.get(rule, 0) | moved
        stars: Dict[int, int] = {}
        plain: Tuple[Tuple[int, int], ...] = ()
        cover: set = set()
        if reached:
            stars, plain, cover = self._close(reached, parent.star_at, set(parent.cover))
        if not (stars or plain or cover):
            return self._inert(parent)
        star_steps = parent.star_steps
        star_at = parent.star_at
        if stars or cover:
            star_at = {**star_at, **stars}
            changed = cover.union(stars)
            covered_here = cover.union(parent.cover)
            # Drop the inherited steps whose every state is now dominated or covered (they would pile up
            # along a deep path: one per directory for "**/a/**/a/..."). A step's targets are (rule, star + 2).
            star_steps = tuple(step for step in star_steps if step.slots.isdisjoint(changed) or any(
                rule not in covered_here and at - 2 >= star_at.get(rule, 0) for rule, at in step.targets))
            star_steps = self._star_steps(star_steps, stars)
        covered = parent.cover if not cover else tuple(sorted(cover.union(parent.cover)))
        return _Directory(self, star_steps, star_at, plain, covered)

    def _inert(self, parent: _Directory) -> _Directory:
        """The state of a subdirectory that moves no pattern: the parent's minus its plain states."""
        if parent.inert is None:
            parent.inert = parent if not parent.plain else _Directory(
                self, parent.star_steps, parent.star_at, (), parent.cover)
        return parent.inert

    def _sieve(self, parent: _Directory) -> Tuple[FrozenSet[str], ...]:
        """The names, and the extensions (see ``_SegmentIndex.tails``), of the subdirectories that can move a
        pattern on from ``parent``; () when names cannot be sifted so (a "*", a prefix, another glob, plain
        states moved as bit masks), or when the sieve would be large: it is kept per state."""
        moves = self._moves(parent)
        if parent.plain and moves is None:
            return ()
        indexes = [step.dirs for step in parent.star_steps] + ([moves.dirs] if moves else [])
        if not all(index.sifted for index in indexes) or sum(len(i.names) + len(i.tails) for i in indexes) > _SIEVE:
            return ()
        return frozenset().union(*(i.names for i in indexes)), frozenset().union(*(i.tails for i in indexes))

    def _close(self, reached: Dict[int, int], star_at: Dict[int, int], covered: set,
               ) -> Tuple[Dict[int, int], Tuple[Tuple[int, int], ...], set]:
        """Sort the positions ``reached`` (a bit mask per rule) into new ``**`` states (the furthest per
        rule), plain states (a mask per rule) and covering rules: the epsilon closure, without what an
        earlier cover or a ``**`` at least as far (``star_at``) already does."""
        stars: Dict[int, int] = {}
        plain: List[Tuple[int, int]] = []
        cover: set = set()
        for rule in sorted(reached):
            if rule in covered:
                continue
            floor = star_at.get(rule, -1) + 1
            mask = reached[rule] >> floor << floor
            if not mask:
                continue
            size = len(self._segments[rule])
            if mask >> size & 1:  # the whole pattern matched this directory
                if self._ends[rule] is End.PREFIX:
                    cover.add(rule)
                    continue
                mask ^= 1 << size
            at_star = mask & self._star_masks[rule]
            if at_star:
                star = at_star.bit_length() - 1
                if star == size - 1:  # trailing "/" or "/**": everything beneath
                    cover.add(rule)
                    continue
                stars[rule] = star
                mask = mask >> (star + 1) << (star + 1)
            if mask:
                plain.append((rule, mask))
        return stars, tuple(plain), cover

    def _positions_matching(self, rule: int, name: str) -> int:
        """The bit mask of the positions of ``rule``'s pattern whose segment (not ``**``) matches ``name``."""
        found = self._by_segment.get(rule)
        if found is None:
            groups: Dict[Tuple[str, str], int] = {}
            first: Dict[Tuple[str, str], Segment] = {}
            for at, segment in enumerate(self._segments[rule]):
                if segment is DOUBLE_STAR:
                    continue
                key = ("name", segment) if isinstance(segment, str) else ("glob", repr(segment))
                groups[key] = groups.get(key, 0) | 1 << at
                first.setdefault(key, segment)
            keys = list(groups)
            found = self._by_segment[rule] = (_SegmentIndex((first[k], i) for i, k in enumerate(keys)),
                                              tuple(groups[k] for k in keys))
        index, masks = found
        mask = 0
        for i in index.match(name):
            mask |= masks[i]
        return mask

    def _star_steps(self, inherited: Tuple[_Step, ...], stars: Dict[int, int]) -> Tuple[_Step, ...]:
        # A "**" state (r, i) stays alive in every subdirectory; the segment after it decides the moves.
        if not stars:
            return inherited
        return inherited + (self._step([(rule, stars[rule] + 1) for rule in sorted(stars)]),)

    def _moves(self, directory: _Directory) -> Optional[_Step]:
        """The index moving ``directory``'s plain states; kept on it unless it is large (a long run of
        pattern positions alive at once), so that a deep path does not hold one per directory."""
        if not directory.plain:
            return None
        if directory.moves is None:
            if sum(bin(mask).count("1") for _, mask in directory.plain) > 2 * len(directory.plain) + 16:
                return None  # moved as bit masks instead
            moves = self._plain_moves.get(directory.plain)
            if moves is None:
                states = [(rule, at) for rule, mask in directory.plain for at in _positions(mask)]
                moves = self._plain_moves[directory.plain] = self._step(states, finals=False)
            directory.moves = moves
        return directory.moves

    def _finals(self, plain: Tuple[Tuple[int, int], ...]) -> Optional[_SegmentIndex]:
        """The rules a base name completes from ``plain`` (only a pattern's last position can)."""
        if plain in self._plain_finals:
            return self._plain_finals[plain]
        found = self._plain_finals[plain] = self._make_finals(plain)
        return found

    def _make_finals(self, plain: Tuple[Tuple[int, int], ...]) -> Optional[_SegmentIndex]:
        finals: List[Tuple[Segment, int]] = []
        for rule, mask in plain:
            last = len(self._segments[rule]) - 1
            if mask >> last & 1 and self._ends[rule] is not End.DESCENDANT:
                finals.append((self._segments[rule][last], rule))
        index = _SegmentIndex(finals)
        return index if index else None

    def _step(self, states: Iterable[State], finals: bool = True) -> _Step:
        moves: List[Tuple[Segment, State]] = []
        completed: List[Tuple[Segment, int]] = []
        for rule, at in states:
            segments = self._segments[rule]
            moves.append((segments[at], (rule, at + 1)))
            if finals and at == len(segments) - 1 and self._ends[rule] is not End.DESCENDANT:
                completed.append((segments[at], rule))
        return _Step(moves, completed)
