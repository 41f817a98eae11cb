"""The attributes of a table's cells in the structure tree (ISO 32000-1, 14.8.5.7): their spans, the
/ID and /Scope of header cells, and the /Headers each cell is read with."""
from __future__ import annotations

from .tagmodel import Node

SCOPES = {"col": "Column", "colgroup": "Column", "row": "Row", "rowgroup": "Row"}


def table_attributes(table: Node, number: int) -> None:
    """/A of the cells of a table (ISO 32000-1, 14.8.5.7): TH get an /ID and a /Scope, every cell
    its spans and the /Headers that apply to it: the column heads above its columns and the row
    heads of its row (scope=row) or of its row group (scope=rowgroup, as a topic heads its rows)."""
    groups = [g for g in table.kids if isinstance(g, Node)]
    grid: dict[tuple[int, int], bool] = {}
    columns: dict[int, list[str]] = {}
    r = 0
    for group in sorted(groups, key=lambda g: g.key):
        rows = [g for g in group.kids if isinstance(g, Node) and g.role == "TR"] if group.role != "TR" else [group]
        group_heads: list[str] = []
        for row in sorted(rows, key=lambda n: n.key):
            c = 0
            row_heads: list[str] = []
            cells = sorted((k for k in row.kids if isinstance(k, Node) and k.role in ("TH", "TD")), key=lambda n: n.key)
            placed = []
            for cell in cells:
                while grid.get((r, c)):
                    c += 1
                span = int(cell.element.get("colspan", 1)), int(cell.element.get("rowspan", 1))
                for dr in range(span[1]):
                    for dc in range(span[0]):
                        grid[(r + dr, c + dc)] = True
                placed.append((cell, c, span))
                attrs = {"O": "Table"}
                if span[0] > 1:
                    attrs["ColSpan"] = span[0]
                if span[1] > 1:
                    attrs["RowSpan"] = span[1]
                cell.attrs = attrs
                if cell.role == "TH":
                    cell.id = f"t{number}-{r}-{c}"
                    scope = cell.element.get("scope", "col" if group.role == "THead" else "row")
                    attrs["Scope"] = SCOPES.get(scope, "Column")
                    if group.role == "THead":
                        for dc in range(span[0]):
                            columns.setdefault(c + dc, []).append(cell.id)
                    elif scope == "rowgroup":
                        group_heads.append(cell.id)
                    else:
                        row_heads.append(cell.id)
                c += span[0]
            if group.role != "THead":
                for cell, col, span in placed:
                    heads = [h for dc in range(span[0]) for h in columns.get(col + dc, [])]
                    heads += [h for h in group_heads + row_heads if h != getattr(cell, "id", None)]
                    cell.attrs["Headers"] = heads
            r += 1
