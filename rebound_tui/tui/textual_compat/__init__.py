"""Every use of Textual's private parts, in one place (this package: here, and its part for
lists in :mod:`.lists`), for the one pinned Textual version.

Rebound needs a few things Textual has no public API for: the messages still waiting in a
widget's queue (to save answers typed just before a quit or crash), the merged key bindings
of a node (for the help page), a crash report without local variables (they may hold
answers), and a terminal driver that never hangs on a closed terminal, decodes invalid UTF-8
instead of dying, and keeps a paste as text. Each of these reaches into Textual internals
that can change in any release, so they live only here, and ``tests/test_textual_compat.py``
fails loudly on any Textual other than :data:`PINNED_TEXTUAL` (pinned in pyproject.toml).

Text drawn on the screen is made safe at the boundary through a public extension point
(a line filter, :class:`ScreenTextFilter`), using the one rule in :mod:`rebound_tui.core.text`.
"""

from __future__ import annotations

import os
import queue
import selectors
import signal
import sys
import time
from codecs import getincrementaldecoder
from collections.abc import Iterator
from typing import Any, cast

import rich
import textual
from rich.console import RenderableType
from rich.segment import Segment, Segments
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.color import Color
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.driver import Driver
from textual.filter import LineFilter
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey
from textual.widgets._toggle_button import ToggleButton

from rebound_tui.core.text import for_screen, pasted
from rebound_tui.tui.bracketed_paste import Keys, PasteSplitter

PINNED_TEXTUAL = "8.2.8"
#: The character a SelectionList draws inside every box, ticked or not.
SELECTION_MARK: str = ToggleButton.BUTTON_INNER
#: Seconds a write to the terminal waits before checking that the terminal is still there.
WRITE_CHECK = 0.25


def textual_version() -> str:
    return str(textual.__version__)


# ----------------------------------------------------------------- reading Textual's state


def queued_messages(node: DOMNode) -> list[Message]:
    """Messages waiting in `node`'s queue, oldest first (read only; safe from a crash)."""
    pending: list[Message | None] = list(node._message_queue.values)  # Textual's own Queue
    return [message for message in pending if message is not None]


def node_bindings(node: DOMNode) -> Iterator[tuple[str, Binding]]:
    """(key, binding) for every binding of `node`, its own and inherited, as Textual merged
    them (so the help page shows exactly what the keys do)."""
    yield from node._bindings


# ----------------------------------------------------------------- the screen


class ScreenTextFilter(LineFilter):
    """Drops control characters from the text of every drawn line (see ``core.text``).

    Textual writes widget text to the terminal as it is, so an answer holding
    ``ESC ] 0 ; … BEL`` would retitle the window. Textual measured control characters as
    zero cells wide, so dropping them does not move anything. Segments that *are* control
    sequences (Textual's own cursor moves) pass untouched; a link holding a control
    character is dropped (the text stays).
    """

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        cleaned: list[Segment] | None = None
        for index, segment in enumerate(segments):
            text, style, control = segment
            if control:
                continue
            safe = for_screen(text)
            link = style.link if style is not None else None
            if safe is text and (link is None or for_screen(link) is link):
                continue
            if cleaned is None:
                cleaned = list(segments)
            if link is not None and for_screen(link) is not link and style is not None:
                style = style.update_link(None)
            cleaned[index] = Segment(safe, style, control)
        if cleaned is None:
            return segments
        return [segment for segment in cleaned if segment.text or segment.control]


# ----------------------------------------------------------------- kept screens


class KeptScreen(Screen[None]):
    """A screen kept installed and shown again (an entry's sections): coming back restyles
    its widgets (Textual's ``ScreenResume.refresh_styles``: most of a return, issue 13) only
    when something that styles them from outside changed while it was away: the app's
    classes (``-narrow``, ``-wide``, the theme's) and pseudo-classes (focus, dark, NO_COLOR),
    the theme, Textual's CSS generation."""

    _styled_for: tuple[object, ...] | None = None

    def _style_context(self) -> tuple[object, ...]:
        app = self.app
        return (
            app._css_update_count,
            app.theme,
            frozenset(app.classes),
            frozenset(app.get_pseudo_classes()),
        )

    def _on_mount(self, event: events.Mount) -> None:
        # Every widget mounted from here on is styled as it is mounted: the first show
        # needs no restyle either, unless something changed in between.
        self._styled_for = self._style_context()

    def _on_screen_suspend(self) -> None:
        # Textual's own handler (Screen's) runs too: the dispatch walks the class hierarchy.
        self._styled_for = self._style_context()

    def lay_out_while_away(self) -> None:
        """Lay out now a screen not shown (Textual lays out only the shown one), so that
        coming back finds every size in place: widgets mounted after the person moved on."""
        if self.is_attached and not self.is_current:
            self._refresh_layout()

    async def _on_resize(self, event: events.Resize) -> None:
        # Runs before Screen's own handler, which lays the whole screen out and paints it.
        if event.size == self._compositor.size and self._compositor.root is self:
            event.stop()
            event.prevent_default()

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Screen's own handler, which restyles only if ``refresh_styles``.
        if self._styled_for is not None and self._styled_for == self._style_context():
            event.refresh_styles = False
        self._styled_for = None


class StyledInPlace:
    """Mixin (first base; not a ``Widget``, whose default CSS would win): no restyle for a
    class change before the widget is in the DOM, where mounting styles it anyway. An
    ``Input`` sets ``-valid`` and ``-textual-compact`` while being built: two restyles of
    five style applications each, per table cell and blank (issue 13)."""

    def update_node_styles(self, animate: bool = True) -> None:
        if cast(DOMNode, self)._parent is not None:  # else ``App._register`` styles it
            super().update_node_styles(animate)  # type: ignore[misc]


class PageScroll(VerticalScroll):
    """A page's scrolling body (a section's lesson and exercises): its own focus restyles
    only itself. Textual restyles a widget *and everything inside it* when its focus changes
    (for rules like ``X:focus Y``; none styles a page's insides so): each time a section's
    page took the focus, every widget of the section (issue 13)."""

    def watch_has_focus(self, _has_focus: bool) -> None:
        self.app.stylesheet.update_nodes([self], animate=True)


class SteadyFooter(Footer):
    """Textual's footer, built again only when the keys it shows changed. Textual rebuilds
    it whenever the screen's bindings *may* have changed (a focus move, a screen shown
    again), each time laying the whole screen out again (issue 13)."""

    _shown_keys: tuple[object, ...] | None = None

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # Textual builds the keys only after the screen's first "bindings changed" signal,
        # which comes after the first layout: one more rebuild and layout of the whole
        # screen before anything is drawn. The screen's bindings are known when the footer
        # composes, so it shows them from its first frame.
        self.set_reactive(Footer._bindings_ready, True)

    def _keys(self) -> tuple[object, ...]:
        active = self.screen.active_bindings
        shown = tuple(
            (
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                binding.group,
                enabled,
                tooltip,
            )
            for (_, binding, enabled, tooltip) in active.values()
            if binding.show
        )
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        palette_key = None if palette is None else (palette[2], palette[1].description)
        return (shown, palette_key, self.show_command_palette, self.compact)

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown_keys = self._keys()
        for widget in super().compose():
            # A key takes the footer's "-compact" as it mounts, restyled again: given now.
            if isinstance(widget, FooterKey) and self.compact:
                widget.add_class("-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if (
            self._bindings_ready
            and self.is_attached
            and screen is self.screen
            and self._shown_keys is not None
            and self._shown_keys == self._keys()
        ):
            return
        super().bindings_changed(screen)
        # Textual redraws the keys only while the terminal has the focus: a screen opened
        # while it had not (a tmux pane, another window in front) kept the keys of before.
        if not screen.app.app_focus and self.is_attached and screen is self.screen:
            self.call_after_refresh(self.recompose)


# ----------------------------------------------------------------- the app


class CompatApp(App[int]):
    """The base of Rebound's app: the guarded driver, the screen filter, a private crash report."""

    _screen_text_filter = ScreenTextFilter()

    def get_driver_class(self) -> type[Driver]:
        driver = super().get_driver_class()
        if sys.platform != "win32" and driver.__name__ == "LinuxDriver":
            return GuardedDriver
        return driver

    def get_line_filters(self) -> list[LineFilter]:
        return [*super().get_line_filters(), self._screen_text_filter]

    def before_crash(self) -> None:
        """Called first when a handler raised or the app panics (override: keep what was
        typed; the CLI saves after the app has stopped and exits non-zero)."""

    def panic(self, *renderables: RenderableType) -> None:
        self.before_crash()
        super().panic(*renderables)

    def _fatal_error(self) -> None:
        """Like Textual's crash report, but without local variables: they may hold answers."""
        from rich.traceback import Traceback  # as Textual does: only on a crash

        self.before_crash()
        self.bell()
        traceback = Traceback(show_locals=False, width=None, suppress=[rich])
        self._exit_renderables.append(
            Segments(self.console.render(traceback, self.console.options))
        )
        self._close_messages_no_wait()


# ----------------------------------------------------------------- the terminal driver

if sys.platform != "win32":
    from textual.drivers.linux_driver import LinuxDriver

    class GuardedDriver(LinuxDriver):
        """Textual's Linux driver, made safe for a terminal that goes away or sends odd bytes.

        - A write never blocks for ever: Textual queues output for a writer thread, which
          dies when the terminal is closed; the next 30 writes would then block the event
          loop for good (and with it every signal handler). Here a write that cannot be
          queued checks every :data:`WRITE_CHECK` s whether the writer is still alive, and
          once it is not (or :meth:`abandon` was called) output is dropped.
        - Input is decoded with replacement: a byte that is not UTF-8 becomes U+FFFD
          instead of ending the input thread (Textual issue #6456).
        - A bracketed paste is taken out of the input before key parsing and arrives as one
          ``Paste`` event, normalised by ``core.text.pasted``: nothing in it acts as a key.
        """

        _abandoned = False

        def abandon(self) -> None:
            """Stop writing to the terminal (it is gone, or the process is leaving)."""
            self._abandoned = True

        @property
        def terminal_gone(self) -> bool:
            writer = self._writer_thread
            return self._abandoned or (writer is not None and not writer.is_alive())

        def _put(self, item: str | None) -> bool:
            writer = self._writer_thread
            if writer is None:
                return False
            while not self.terminal_gone:
                try:
                    writer._queue.put(item, timeout=WRITE_CHECK)
                except queue.Full:
                    continue
                return True
            return False

        def write(self, data: str) -> None:
            self._put(data)

        def close(self) -> None:
            writer = self._writer_thread
            if writer is not None and self._put(None):
                writer.join(timeout=2.0)

        def run_input_thread(self) -> None:
            """Textual's input loop, with replacement decoding and paste splitting."""
            from textual._parser import ParseError
            from textual._xterm_parser import XTermParser

            selector = selectors.SelectSelector()
            selector.register(self.fileno, selectors.EVENT_READ)
            parser = XTermParser(self._debug)
            splitter = PasteSplitter()
            decode = getincrementaldecoder("utf-8")(errors="replace").decode

            def handle(pieces: list[Any]) -> None:
                for piece in pieces:
                    if isinstance(piece, Keys):
                        for event in parser.feed(piece.text):
                            self.process_message(event)
                    else:
                        self.process_message(events.Paste(pasted(piece.text)))
                for event in parser.tick():
                    self.process_message(event)

            def read_once(wait: float, final: bool = False) -> bool:
                ready = selector.select(wait)
                if not ready:
                    handle(splitter.idle(time.monotonic()))
                    return True
                data = decode(_read(self.fileno), final=final)
                if not data:
                    return False  # end of input (stdin is not a terminal)
                handle(splitter.feed(data, time.monotonic()))
                return True

            ended = False
            try:
                while not self.exit_event.is_set():
                    if not read_once(splitter.timeout()):
                        ended = True
                        break
                selector.unregister(self.fileno)
            finally:
                selector.close()
                try:
                    for _event in parser.feed(""):
                        pass
                except (EOFError, ParseError):
                    pass
            if ended:  # the terminal hung up: leave the way a closed terminal makes us leave
                os.kill(os.getpid(), signal.SIGHUP)

else:  # pragma: no cover - Rebound is tried on Linux and macOS

    class GuardedDriver:  # type: ignore[no-redef]
        pass


def _read(fileno: int) -> bytes:
    try:
        return os.read(fileno, 1024 * 4)
    except OSError:
        return b""  # the terminal is gone: the end of input


__all__ = [
    "PINNED_TEXTUAL",
    "SELECTION_MARK",
    "CompatApp",
    "FooterKey",  # one key hint in a footer: Textual does not export it
    "GuardedDriver",
    "ScreenTextFilter",
    "node_bindings",
    "queued_messages",
    "textual_version",
]
