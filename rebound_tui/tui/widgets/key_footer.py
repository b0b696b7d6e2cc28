"""The footer of every screen: the keys that work there, as many as fit on one line.

Textual's own footer lets the keys run on under the docked "^p palette" when the terminal is
narrow (at 60 columns "f2 Support" came out as "^ppaletteS"), and the keys at the end of the
line, F1 and F2 among them, simply fall off. This footer drops whole hints instead, least
needed first, and never the ways to help (F1) and support (F2).
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widget import Widget

from rebound_tui.tui.textual_compat import FooterKey, SteadyFooter, node_bindings

#: Shown at every width, whatever else has to go: help, and the way to support (issue 12).
ALWAYS = ("support", "help")
#: Kept next, before the screen's own keys: the way out.
THEN = ("quit",)
#: Dropped first when space is short (the palette is reachable from the help page too).
LAST = ("command_palette",)


def hint_width(key: FooterKey) -> int:
    """Columns one compact hint takes: "key description" and the gap after it."""
    width = cell_len(key.key_display)
    if key.description:
        width += 1 + cell_len(key.description)
    return width + 1  # a gap after it, or the rule left of the docked palette key


def _rank(key: FooterKey, position: int) -> tuple[int, int]:
    """Lower ranks are kept first; among equals, the one further left."""
    action = key.action
    if key.has_class("-command-palette"):
        action = "command_palette"
    if action in ALWAYS:
        return (0, ALWAYS.index(action))
    if action in THEN:
        return (1, THEN.index(action))
    if action in LAST:
        return (3, position)
    return (2, position)


def fitting(keys: list[FooterKey], width: int) -> list[FooterKey]:
    """The hints to show in ``width`` columns, in their own order, the most needed kept."""
    kept: set[int] = set()
    used = 0
    for index in sorted(range(len(keys)), key=lambda i: _rank(keys[i], i)):
        needed = hint_width(keys[index])
        if used + needed <= width or _rank(keys[index], index)[0] == 0:
            kept.add(index)
            used += needed
    return [key for index, key in enumerate(keys) if index in kept]


class KeyFooter(SteadyFooter):
    """A compact footer that never overlaps itself and always shows F1 and F2; built again
    only when its keys or its width changed (:class:`SteadyFooter`)."""

    # The space between key and word belongs to the key ("f1 " "Help"): a space at the start
    # of a differently coloured run is dropped by some SVG renderers ("f1Help").
    DEFAULT_CSS = """
    KeyFooter FooterKey.-compact .footer-key--key {
        padding: 0 1 0 0;
    }
    KeyFooter FooterKey.-compact .footer-key--description {
        padding: 0;
    }
    """

    def __init__(self, *, show_command_palette: bool = True) -> None:
        super().__init__(compact=True, show_command_palette=show_command_palette)
        self._composed_for = 0

    def _width(self) -> int:
        return self.size.width or self.screen.size.width or self.app.size.width

    def compose(self) -> ComposeResult:
        made: Iterable[Widget] = super().compose()
        widgets = list(made)
        keys = [widget for widget in widgets if isinstance(widget, FooterKey)]
        others = [widget for widget in widgets if not isinstance(widget, FooterKey)]
        palette = [key for key in keys if key.has_class("-command-palette")]
        keys = [key for key in keys if key not in palette]
        keys += self._app_keys_not_listed({key.action for key in keys})
        self._say_what_they_do_here(keys)
        self._composed_for = self._width()
        yield from others
        yield from fitting([*keys, *palette], self._composed_for)

    def _app_keys_not_listed(self, listed: set[str]) -> list[FooterKey]:
        """F1 and F2 on a dialog: Textual lists only the dialog's own keys there, but the
        app's priority keys work on every screen, dialogs included."""
        extra: list[FooterKey] = []
        for key, binding in node_bindings(self.app):
            wanted = binding.action in ALWAYS and binding.action not in listed
            if binding.action == "support" and self.screen.id == "support":
                continue  # already on the support page: F2 would do nothing there
            if wanted and binding.priority and binding.show:
                listed.add(binding.action)
                extra.append(
                    FooterKey(
                        key,
                        self.app.get_key_display(binding),
                        binding.description,
                        binding.action,
                        tooltip=binding.tooltip,
                    )
                )
        return extra

    def _say_what_they_do_here(self, keys: list[FooterKey]) -> None:
        """A key that does something else on this screen says so: F1 on the help page closes
        it, so its hint there reads "Close help", not "Help" (the screen's ``KEY_WORDS``)."""
        words: dict[str, str] = getattr(type(self.screen), "KEY_WORDS", {})
        for key in keys:
            if key.action in words:
                key.description = words[key.action]
                key.tooltip = words[key.action]

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._composed_for:
            self.call_after_refresh(self.recompose)
