"""The SQL console's editor: Textual's own TextArea (SQL highlighting when the tree-sitter SQL
grammar is installed: `pip install 'olist-workbench[sql]'`, else plain text), and the completion
menu shown under it while a word is typed."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.widgets import OptionList, TextArea
from textual.widgets.option_list import Option

from workbench.application.sql_completion import Completion


class SqlEditor(TextArea):
    """A TextArea whose tab and enter take the completion shown and whose escape cancels the
    running query: keys a text area consumes never reach a screen's bindings, so the editor asks
    `takes_key` first."""

    takes_key: Callable[[str], bool] | None = None

    async def _on_key(self, event: events.Key) -> None:
        if (
            self.takes_key is not None
            and event.key in ("tab", "enter", "escape")
            and self.takes_key(event.key)
        ):
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)


def sql_editor(text: str = "", *, id: str | None = None) -> SqlEditor:
    """A code editor for SQL: highlighted if the grammar is there, plain otherwise."""
    editor = SqlEditor.code_editor(
        text, language=None, id=id, soft_wrap=False, show_line_numbers=True
    )
    assert isinstance(editor, SqlEditor)
    if "sql" in editor.available_languages:
        editor.language = "sql"
    return editor


def offset_of(text: str, location: tuple[int, int]) -> int:
    """The character offset of a (row, column) location in `text`."""
    row, column = location
    lines = text.split("\n")
    return sum(len(line) + 1 for line in lines[:row]) + column


def location_of(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return (before.count("\n"), offset - (before.rfind("\n") + 1))


class CompletionMenu(OptionList):
    """Suggestions for the word at the editor's cursor: tab or enter takes one, escape hides."""

    DEFAULT_CSS = """
    CompletionMenu {
        display: none;
        max-height: 7;
        height: auto;
        border: none;
        padding: 0 1;
        background: $panel;
    }
    CompletionMenu.-shown { display: block; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.can_focus = False
        self.completion = Completion(0, 0, ())

    @property
    def shown(self) -> bool:
        return self.has_class("-shown")

    def offer(self, completion: Completion) -> None:
        self.completion = completion
        self.clear_options()
        if not completion.suggestions:
            self.hide()
            return
        width = max(len(s.text) for s in completion.suggestions)
        self.add_options(
            Option(f"{s.text:<{width}}  {s.kind} {s.detail}".rstrip(), id=str(index))
            for index, s in enumerate(completion.suggestions)
        )
        self.highlighted = 0
        self.add_class("-shown")

    def hide(self) -> None:
        self.remove_class("-shown")

    def move(self, step: int) -> None:
        count = len(self.completion.suggestions)
        if count:
            self.highlighted = ((self.highlighted or 0) + step) % count

    def chosen(self) -> str | None:
        index = self.highlighted
        suggestions = self.completion.suggestions
        if index is None or not 0 <= index < len(suggestions):
            return None
        return suggestions[index].text
