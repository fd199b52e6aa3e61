"""A table laid out for a terminal of a given width: the width of each column, headings
wrapped at words, and a table too wide for the terminal cut into parts at its groups of
columns (kcstats.export.text_table), each part with the key columns again.

The widths are chosen here, not by rich, so that a table is never wider than the terminal when
it can be helped: rich keeps a column's minimum width after narrowing the table, so a table of
unbreakable figures overflows instead of wrapping its headings. In order of preference:

1. every cell on one line (the natural widths);
2. headings wrapped at words, the widest column narrowed first; a figure is never broken, a
   place name only past LABEL_WIDTH characters;
3. the table cut into parts at its groups (a funding source, an indicator, a basis of
   growth), as many groups in a part as fit;
4. in a part that still does not fit, place names wrapped at words down to SQUEEZED_LABEL.

A wider terminal gets fewer parts, wider ones; a part too wide even then is drawn as it is
(the terminal wraps its lines) rather than losing a figure."""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import combinations, pairwise
from math import comb

from rich.cells import cell_len

from kcstats.export.text_table import TextTable
from kcstats.render.safe import terminal_text

LABEL_WIDTH = 24
SQUEEZED_LABEL = 12
HEADING_LINES = 3
CUTS_TRIED = 500


def extra_width(columns: int) -> int:
    """The characters a table of `columns` columns adds to its columns' widths: one space of
    padding each side of a cell, the edges and the dividers (rich's box.SIMPLE_HEAD)."""
    return 3 * columns + 1


def table_width(widths: list[int]) -> int:
    return sum(widths) + extra_width(len(widths))


@dataclass(frozen=True, slots=True)
class _Measure:
    heading: str
    natural: int  # the longest heading or cell
    content: int  # the longest cell
    least: int  # headings wrapped at words; a label wrapped only past its label width
    squeezed: int  # labels wrapped at words too


def shown(model: TextTable) -> TextTable:
    """The table with every text as the terminal shows it (kcstats.render.safe): measured and
    drawn as such."""
    return replace(
        model,
        title=terminal_text(model.title),
        headers=[terminal_text(h) for h in model.headers],
        rows=[[terminal_text(c) for c in row] for row in model.rows],
        notes=[terminal_text(n) for n in model.notes],
    )


def _longest_word(texts: list[str]) -> int:
    return max((cell_len(word) for text in texts for word in text.split()), default=0)


def _wrapped_lines(text: str, width: int) -> int:
    """The lines of `text` wrapped at words within `width` (as rich wraps a heading)."""
    lines, used = 1, 0
    for word in text.split():
        size = cell_len(word)
        if used and used + 1 + size > width:
            lines, used = lines + 1, size
        else:
            used += size + (1 if used else 0)
    return lines


def _heading_width(heading: str, least: int) -> int:
    """The narrowest width, at least `least`, that wraps the heading into HEADING_LINES lines
    or fewer: a heading wrapped more reads worse than a table cut in two."""
    width = least
    while _wrapped_lines(heading, width) > HEADING_LINES:
        width += 1
    return width


def _measure(model: TextTable) -> list[_Measure]:
    out = []
    for index, (heading, numeric) in enumerate(zip(model.headers, model.numeric, strict=True)):
        cells = [row[index] for row in model.rows]
        content = max((cell_len(c) for c in cells), default=0)
        natural = max(cell_len(heading), content)
        word = _longest_word([heading, *cells])
        if numeric:
            # A figure (or the odd word such as 'no base') is never broken: the heading
            # wraps; only a squeezed part wraps words of a cell.
            least = _heading_width(heading, max(content, _longest_word([heading])))
            squeezed = _heading_width(heading, word)
            out.append(_Measure(heading, natural, content, least, squeezed))
            continue
        label = model.label_width or LABEL_WIDTH
        least = max(word, min(content, label))
        squeezed = max(word, min(content, SQUEEZED_LABEL, label))
        out.append(_Measure(heading, natural, content, least, squeezed))
    return out


def _fit(measures: list[_Measure], width: int, *, squeeze: bool = False) -> tuple[list[int], bool]:
    """Column widths within `width` if they can be (True), else the narrowest allowed
    (False): from the natural widths, the widest column that may still narrow loses a
    character at a time."""
    widths = [m.natural for m in measures]
    floor = [m.squeezed if squeeze else m.least for m in measures]
    excess = table_width(widths) - width
    while excess > 0:
        narrowable = [i for i, w in enumerate(widths) if w > floor[i]]
        if not narrowable:
            return widths, False
        widest = max(narrowable, key=widths.__getitem__)  # the first of the widest
        widths[widest] -= 1
        excess -= 1
    return _tightened(widths, measures), True


def _tightened(widths: list[int], measures: list[_Measure]) -> list[int]:
    """Each column narrowed to the least width that wraps its heading into no more lines than
    the table's heading has already: a column narrowed until its heading takes two lines is
    as narrow as two lines of that heading, not a space-filled width."""
    lines = max((_wrapped_lines(m.heading, w) for m, w in zip(measures, widths, strict=True)))
    out = []
    for size, measure in zip(widths, measures, strict=True):
        least = max(measure.content, _longest_word([measure.heading]))
        while least < size and _wrapped_lines(measure.heading, least) > lines:
            least += 1
        out.append(min(size, least))
    return out


def layout(model: TextTable, width: int) -> list[tuple[TextTable, list[int]]]:
    """The table (its texts as `shown` gives them) as one or more parts, each with the width
    of each of its columns, for a terminal `width` columns wide."""
    measures = _measure(model)
    widths, fits = _fit(measures, width)
    if fits:
        return [(model, _titled(widths, model.title, width))]
    groups = model.groups()
    if len(groups) < 2:
        return [(model, _fit(measures, width, squeeze=True)[0])]
    parts = _parts(model, measures, width)
    out = []
    for number, columns in enumerate(parts):
        part = model.part(columns, first=number == 0, last=number == len(parts) - 1)
        chosen = [measures[c] for c in columns]
        widths, fits = _fit(chosen, width)
        if not fits:
            widths = _fit(chosen, width, squeeze=True)[0]
        out.append((part, _titled(widths, part.title, width)))
    return out


def _titled(widths: list[int], title: str, width: int) -> list[int]:
    """The widths made wide enough for the title to stay on one line where the terminal
    has room (rich wraps a title at the table's width): the columns after the first widened
    alike, the last ones a character more."""
    short = min(cell_len(title), width) - table_width(widths)
    if short <= 0 or len(widths) < 2:
        return widths
    widened = list(widths)
    share, rest = divmod(short, len(widths) - 1)
    for index in range(1, len(widths)):
        widened[index] += share + (1 if index >= len(widths) - rest else 0)
    return widened


def _parts(model: TextTable, measures: list[_Measure], width: int) -> list[list[int]]:
    """The columns of each part: the fewest parts that fit (as many groups as fit, in order),
    then of the cuts into that many parts that fit, the one whose widest part is the
    narrowest when nothing is wrapped (parts alike, rather than a full part and a scrap)."""
    groups, keys = model.groups(), list(range(model.keys))

    def columns(chunk: list[list[int]]) -> list[int]:
        return keys + [c for group in chunk for c in group]

    def fits(chunk: list[list[int]]) -> bool:
        return _fit([measures[c] for c in columns(chunk)], width)[1]

    greedy: list[list[list[int]]] = [[groups[0]]]
    for group in groups[1:]:
        if fits([*greedy[-1], group]):
            greedy[-1].append(group)
        else:
            greedy.append([group])
    count = len(greedy)
    if comb(len(groups) - 1, count - 1) > CUTS_TRIED:  # many regions of one's own set
        return [columns(chunk) for chunk in greedy]
    best: tuple[int, list[list[int]]] | None = None
    for cuts in combinations(range(1, len(groups)), count - 1):
        bounds = [0, *cuts, len(groups)]
        chunks = [groups[a:b] for a, b in pairwise(bounds)]
        if not all(fits(chunk) for chunk in chunks):
            continue
        widest = max(table_width([measures[c].natural for c in columns(ch)]) for ch in chunks)
        if best is None or widest < best[0]:
            best = (widest, [columns(chunk) for chunk in chunks])
    if best is None:  # a group too wide even alone: one part each
        return [columns([group]) for group in groups]
    return best[1]
