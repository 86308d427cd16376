"""The SQL console's catalogue panel: every table and view of the warehouse with its row count,
its columns with their types and one-line descriptions (COMMENT ON in the warehouse, when it has
them), and the table macros with their parameters. Enter on a name puts it in the editor."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import Tree

from workbench.application.sql_console import Catalogue


class CataloguePanel(Tree[str]):
    DEFAULT_CSS = """
    CataloguePanel { width: 28%; min-width: 30; border-left: vkey $foreground 20%; padding: 0 1; }
    CataloguePanel.-hidden { display: none; }
    """

    class Insert(Message):
        """The user chose a name to put in the editor at the cursor."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("warehouse", id=id)
        self.show_root = False
        self.guide_depth = 2

    def show(self, catalogue: Catalogue) -> None:
        self.clear()
        tables = self.root.add("tables", expand=True)
        for table in catalogue.tables:
            label = Text(table.name)
            count = "view" if table.row_count is None else f"{table.row_count:,}"
            label.append(f"  {count}", style="dim")
            node = tables.add(label, data=table.name)
            if table.comment:
                node.add_leaf(Text(table.comment, style="italic"), data=table.name)
            for column in table.columns:
                text = Text(column.name)
                text.append(f" {column.data_type.lower()}", style="dim")
                if column.comment:
                    text.append(f" — {column.comment}", style="italic")
                node.add_leaf(text, data=column.name)
        macros = self.root.add("table macros", expand=True)
        for macro in catalogue.table_macros:
            node = macros.add(Text(f"{macro.name}(…)"), data=f"{macro.name}(")
            node.add_leaf(Text(macro.parameters or "(no parameters)", style="dim"), data=None)
            if macro.description:
                node.add_leaf(Text(macro.description, style="italic"), data=None)
            shown = catalogue.table(macro.name)
            for column in shown.columns if shown is not None else ():
                text = Text(column.name)
                text.append(f" {column.data_type.lower()}", style="dim")
                node.add_leaf(text, data=column.name)

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()
        if event.node.data and not event.node.children:
            self.post_message(self.Insert(event.node.data))
