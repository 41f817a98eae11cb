"""The walk of WeasyPrint's laid-out pages (`Collector`): every drawn text box becomes a `Mark`
(page, position, text) under the `Node` of the HTML element it came from, across pages, and each link
annotation is noted with the node it belongs to; page furniture (margin boxes, leaders, repeated
table heads, `aria-hidden` elements) is marked as artifacts."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .tagmodel import ROLES, Mark, Node


def _role(element: Any, pseudo: str) -> str | None:
    if pseudo == "footnote-marker":
        return "Lbl"
    if pseudo:
        return None
    if element.tag == "th" and not "".join(element.itertext()).strip():
        return "TD"                       # an empty header cell heads nothing
    return element.get("data-tag") or ROLES.get(element.tag)


class Collector:
    """The nodes and marks of a document, page by page as `walk` meets its boxes."""

    def __init__(self, lang: str, html: Any) -> None:
        self.nodes: dict[tuple[int, str], Node] = {}
        self.root = Node("Document", None, None, 0)
        self.links: dict[int, Node] = {}
        self.lang = lang
        self.seq = 0
        self.line_ends: set[int] = set()
        self.dom_parent = {id(child): parent for parent in html.iter() for child in parent}
        self._heads: dict[int, tuple[Node, ...]] = {}     # id(node) -> its THead ancestors (nodes stay alive)

    def heads(self, node: Node) -> tuple[Node, ...]:
        """The THead nodes among `node` and its ancestors, computed once per node."""
        key = id(node)
        if key not in self._heads:
            above = self.heads(node.parent) if node.parent is not None else ()
            self._heads[key] = (node, *above) if node.role == "THead" else above
        return self._heads[key]

    def node(self, element: Any, pseudo: str = "") -> Node:
        """The node of an element's text: its own if it has a role, else its nearest ancestor's
        (by the HTML tree: a footnote is drawn in the footnote area but belongs to its paragraph)."""
        if element is None or element.tag in ("html", "body"):
            return self.root
        key = (id(element), pseudo)
        if key in self.nodes:
            return self.nodes[key]
        role = _role(element, pseudo)
        lang = element.get("lang") if not pseudo else None
        if role is None and lang and lang != self.lang:
            role = "Span"
        if role is None:
            node = self.node(element) if pseudo else self.node(self.dom_parent.get(id(element)))
        else:
            parent = self.node(element) if pseudo else self.node(self.dom_parent.get(id(element)))
            node = Node(role, element, parent, lang=lang if lang and lang != self.lang else None)
            parent.kids.append(node)
        self.nodes[key] = node
        return node

    def notes_after_references(self) -> None:
        """A Note is read right after the Reference just before it in the HTML, not where it is
        drawn (the foot of the page)."""
        for (_, pseudo), node in self.nodes.items():
            if node.role != "Note" or pseudo or node.element is None:
                continue
            siblings = list(self.dom_parent.get(id(node.element), ()))
            i = next(i for i, e in enumerate(siblings) if e is node.element)
            ref = self.nodes.get((id(siblings[i - 1]), "")) if i else None
            if ref is not None and ref.role == "Reference" and ref.parent is node.parent:
                node.key = ref.key + 0.5

    def walk(self, box: Any, page: int, marks: list[Mark], artifact: str | None) -> None:
        from weasyprint.formatting_structure import boxes
        from weasyprint.layout.absolute import AbsolutePlaceholder
        if isinstance(box, AbsolutePlaceholder):
            box = box._box
        if isinstance(box, boxes.MarginBox):
            artifact = "Pagination"
        element = box.element
        if artifact is None and element is not None:
            if element.get("aria-hidden") == "true" or getattr(box, "is_leader", False):
                artifact = "Layout"
        node = None
        if not artifact:
            node = self.node(element, (box.element_tag or "").partition("::")[2])
            if node.first_page is None:
                node.first_page = page
            if any(head.first_page != page for head in self.heads(node)):
                artifact, node = "Pagination", None       # the column heads repeated on a later page
        link = getattr(box, "link_annotation", None)
        if link is not None and artifact != "Pagination":     # a leader's share of its entry's link too
            self.links[link.number] = node or self.node(element, (box.element_tag or "").partition("::")[2])
        if isinstance(box, boxes.TextBox):
            self.seq += 1
            x, y = box.position_x, box.position_y + box.baseline
            mark = Mark(page, round(x, 2), round(y, 2), self.seq, box.text, node, artifact or "Layout",
                        line_end=id(box) in self.line_ends, rtl=box.style["direction"] == "rtl")
            marks.append(mark)
            if node is not None:
                node.kids.append(mark)
                for n in _ancestors(node):
                    n.key = min(n.key, self.seq)
            return
        children = getattr(box, "children", ())
        lines = [c for c in children if isinstance(c, boxes.LineBox)]
        for line in lines[:-1]:
            last = _last_text(line)
            if last is not None:
                self.line_ends.add(id(last))
        for child in children:
            self.walk(child, page, marks, artifact)


def _last_text(box: Any) -> Any:
    """The last text box drawn on a line."""
    from weasyprint.formatting_structure import boxes
    for child in reversed(getattr(box, "children", ())):
        if isinstance(child, boxes.TextBox):
            return child if child.text.strip() else None
        found = _last_text(child)
        if found is not None:
            return found
    return None


def _ancestors(node: Node | None) -> Iterator[Node]:
    while node is not None:
        yield node
        node = node.parent

