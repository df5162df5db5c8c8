"""The career map: the promotion-path graph laid out on the server and drawn as an SVG.

Layout: one row per ladder level (executive at the top, entry at the bottom, so every promotion
points up), the roles of a level spread evenly across their row, and each path a curve from the
top of its ``from`` role to the bottom of its ``to`` role, labelled with its typical years. It is
plain SVG, so the map needs no JavaScript and prints as it shows.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django import template

from roles.models import Level, PromotionPath, Role

register = template.Library()

LABEL_WIDTH = 150
CONTENT_WIDTH = 760  # the least; a level with many roles widens the map (see layout)
ROW_HEIGHT = 118
NODE_HEIGHT = 58
NODE_MAX_WIDTH = 210
NODE_MIN_WIDTH = 150  # narrower, a two-line title is mostly "…"
NODE_GAP = 24
NODE_PADDING = 10  # each side of a title inside its box
TITLE_FONT_SIZE = 14  # app.css: .map-node text
TOP_MARGIN = 24
# Shown at least this fraction of its natural size (14px titles stay >= 11px): on a narrow
# screen the map scrolls sideways instead of shrinking to illegible text.
MIN_SCALE = 0.8


@dataclass(frozen=True)
class Node:
    role: Role
    x: float
    y: float
    width: float
    lines: list[str]
    on_route: bool

    @property
    def cx(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class Edge:
    path: PromotionPath
    d: str
    label_x: float
    label_y: float
    on_route: bool


@dataclass(frozen=True)
class LevelRow:
    label: str
    rank: int
    y: float


# Widths of a title's characters in em (14px semi-bold system sans, measured in Chromium), a
# little generous. The layout only estimates: each box also clips its text, whatever the font.
_NARROW = frozenset("iljI.,:;'!|`")
_SLIM = frozenset("frt()-/[]{} ")
_WIDE = frozenset("mwMW@%—…")


def _char_em(char: str) -> float:
    if char in _NARROW:
        return 0.36
    if char in _SLIM:
        return 0.46
    if char in _WIDE or unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.12
    if char.isupper():
        return 0.8
    return 0.66


def text_width(text: str) -> float:
    """The estimated width of ``text`` as a map title, in map units."""
    return sum(_char_em(char) for char in text) * TITLE_FONT_SIZE


def _longest_fitting(text: str, room: float) -> int:
    """How many leading characters of ``text`` fit in ``room`` (at least one)."""
    used = 0.0
    for index, char in enumerate(text):
        used += _char_em(char) * TITLE_FONT_SIZE
        if used > room:
            return max(1, index)
    return len(text)


def _wrap(title: str, width: float) -> list[str]:
    """The title in at most two lines that fit a box ``width`` wide; what does not fit ends in
    "…" (the full title is the box's tooltip). A word longer than a line is split."""
    room = width - 2 * NODE_PADDING
    lines: list[str] = []
    current = ""
    for word in title.split():
        joined = f"{current} {word}" if current else word
        if text_width(joined) <= room:
            current = joined
            continue
        if current:
            lines.append(current)
        while text_width(word) > room:
            cut = _longest_fitting(word, room)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    if len(lines) > 2:
        rest = " ".join(lines[1:])
        lines = [lines[0], rest[: _longest_fitting(rest, room - text_width("…"))].rstrip() + "…"]
    return lines or [""]


def layout(
    roles: Iterable[Role], paths: Iterable[PromotionPath], route_role_ids: list[int] | None = None
) -> dict:
    """Positions for every role and path; ``route_role_ids`` (in route order) are highlighted."""
    route_role_ids = route_role_ids or []
    levels = list(Level)
    by_rank: dict[int, list[Role]] = defaultdict(list)
    for role in roles:
        by_rank[role.rank].append(role)
    rows = [
        LevelRow(label=level.label, rank=rank, y=TOP_MARGIN + (len(levels) - rank) * ROW_HEIGHT)
        for rank, level in enumerate(levels, start=1)
    ]
    y_by_rank = {row.rank: row.y for row in rows}
    # Wide enough for the most crowded level to give each box at least NODE_MIN_WIDTH.
    most = max((len(members) for members in by_rank.values()), default=1)
    content_width = max(CONTENT_WIDTH, most * NODE_MIN_WIDTH + (most + 1) * NODE_GAP)
    nodes: dict[int, Node] = {}
    for rank, members in by_rank.items():
        members.sort(key=lambda role: role.title)
        count = len(members)
        width = min(NODE_MAX_WIDTH, (content_width - NODE_GAP * (count + 1)) / count)
        spacing = (content_width - count * width) / (count + 1)
        for index, role in enumerate(members):
            x = LABEL_WIDTH + spacing + index * (width + spacing)
            nodes[role.pk] = Node(
                role=role,
                x=x,
                y=y_by_rank.get(rank, TOP_MARGIN),
                width=width,
                lines=_wrap(role.title, width),
                on_route=role.pk in route_role_ids,
            )

    path_list = [p for p in paths if p.from_role_id in nodes and p.to_role_id in nodes]
    # Spread the ends of several paths leaving (or entering) one role across its width.
    outgoing: dict[int, list[PromotionPath]] = defaultdict(list)
    incoming: dict[int, list[PromotionPath]] = defaultdict(list)
    for path in path_list:
        outgoing[path.from_role_id].append(path)
        incoming[path.to_role_id].append(path)

    def anchor(node: Node, siblings: list[PromotionPath], path: PromotionPath) -> float:
        index = siblings.index(path)
        return node.x + node.width * (index + 1) / (len(siblings) + 1)

    edges = []
    route_pairs = _route_pairs(route_role_ids)
    for path in path_list:
        start, end = nodes[path.from_role_id], nodes[path.to_role_id]
        x1 = anchor(start, outgoing[path.from_role_id], path)
        x2 = anchor(end, incoming[path.to_role_id], path)
        if end.y < start.y:  # upwards: leave from the top, arrive at the bottom
            y1, y2 = start.y, end.y + NODE_HEIGHT + 4
        elif end.y > start.y:  # downwards (a step back): the other way round
            y1, y2 = start.y + NODE_HEIGHT, end.y - 4
        else:  # sideways within a level
            y1 = y2 = start.y + NODE_HEIGHT / 2
            x1 = start.x + (start.width if end.x > start.x else 0)
            x2 = end.x + (0 if end.x > start.x else end.width)
        bend = (y2 - y1) / 2 if y1 != y2 else 0
        d = (
            f"M{x1:.1f},{y1:.1f} "
            f"C{x1:.1f},{y1 + bend:.1f} {x2:.1f},{y2 - bend:.1f} {x2:.1f},{y2:.1f}"
        )
        edges.append(
            Edge(
                path=path,
                d=d,
                label_x=(x1 + x2) / 2,
                label_y=(y1 + y2) / 2,
                on_route=(path.from_role_id, path.to_role_id) in route_pairs,
            )
        )
    height = TOP_MARGIN * 2 + (len(levels) - 1) * ROW_HEIGHT + NODE_HEIGHT
    width = LABEL_WIDTH + content_width
    return {
        "rows": rows,
        "nodes": list(nodes.values()),
        "edges": edges,
        "width": width,
        "min_width": round(width * MIN_SCALE),
        "height": height,
        "node_height": NODE_HEIGHT,
        "label_width": LABEL_WIDTH,
    }


def _route_pairs(route_role_ids: list[int]) -> set[tuple[int, int]]:
    return set(itertools.pairwise(route_role_ids))


@register.inclusion_tag("components/career_map.html")
def career_map(roles, paths, route=None, title: str = "Career map") -> dict:
    """``route``: a found ``CareerRoute`` to highlight, or None."""
    route_ids: list[int] = [role.pk for role in route.roles] if route else []
    context = layout(roles, paths, route_ids)
    context["title"] = title
    context["has_route"] = bool(route_ids)
    return context
