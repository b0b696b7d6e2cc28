"""A composer: a few blanks fill a template from the content, with a live preview.

The finished text can be copied to the clipboard, saved to a private file in the exports
folder, and marked as sent (with the date). Value: ``{"fields": {id: text}, "sent": date|None}``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label, Static

from rebound_tui.core.content import fill_template
from rebound_tui.core.export_file import write_export
from rebound_tui.core.storage.files import ensure_private_dir
from rebound_tui.tui.widgets.cells import StartInput
from rebound_tui.tui.widgets.cool_off_note import CoolOffNote
from rebound_tui.tui.widgets.exercise_field import ExerciseField

MAX_FIELD = 500
#: Blanks with these ids start from the entry's facts (company and role).
ENTRY_FACTS = {"company": "company", "role": "role"}
#: Below this width the buttons stand one above the other.
NARROW = 50


def example(placeholder: str) -> str:
    """A placeholder that reads as an example, never as something already typed."""
    text = placeholder.strip()
    return text if not text or text.lower().startswith("e.g.") else f"e.g. {text}"


def today() -> str:
    """Today's date as YYYY-MM-DD (a function so tests can fix it)."""
    return date.today().isoformat()


class ComposerField(ExerciseField):
    kind = "composer"

    DEFAULT_CSS = """
    ComposerField .blank-label {
        width: 1fr;
        color: $text-muted;
    }
    ComposerField .preview {
        border: round $panel;
        padding: 0 1;
        width: 1fr;
        height: auto;
    }
    ComposerField .preview-title {
        text-style: bold;
    }
    ComposerField .actions {
        height: auto;
    }
    ComposerField.-narrow .actions {
        layout: vertical;
    }
    ComposerField Input {
        margin: 0 0 0 0;
    }
    ComposerField .actions Button {
        margin: 0 1 0 0;
        width: auto;
        min-width: 0;
        padding: 0 1;
    }
    ComposerField .sent {
        color: $text-muted;
        width: 1fr;
    }
    """

    def __init__(self, exercise: Any, value: Any = None) -> None:
        super().__init__(exercise, value)
        saved = value if isinstance(value, dict) else {}
        fields = saved.get("fields")
        self.values: dict[str, str] = {
            k: str(v) for k, v in (fields.items() if isinstance(fields, dict) else ())
        }
        #: Blanks filled from another exercise's answer, and with what (until the person edits).
        self.from_source: dict[str, str] = {}
        sent = saved.get("sent")
        self.sent: str | None = sent if isinstance(sent, str) and sent else None

    def compose_input(self) -> ComposeResult:
        earlier = self.section_answers()
        for blank in self.exercise.fields:
            fact = ENTRY_FACTS.get(blank.id)
            if fact and not self.values.get(blank.id, "").strip():
                known = getattr(getattr(self.app, "entry", None), fact, "")
                if isinstance(known, str) and known.strip():
                    self.values[blank.id] = known.strip()  # the entry already says it
            if blank.source:
                source = earlier.get(blank.source)
                source = source.strip() if isinstance(source, str) else ""
                if source and self.values.get(blank.id, "").strip() in ("", source):
                    self.values[blank.id] = self.from_source[blank.id] = source
            yield Label(blank.label, classes="blank-label", markup=False)
            yield self.steady(
                StartInput(
                    self.values.get(blank.id, ""),
                    placeholder=example(blank.placeholder),
                    max_length=MAX_FIELD,
                    select_on_focus=False,
                    id=f"input-{self.exercise.id}-{blank.id}",
                )
            )
        yield Label("Preview", classes="preview-title")
        yield Static(self.text(), classes="preview", markup=False)
        with Horizontal(classes="actions"):
            yield self.steady(Button("Copy", compact=True, classes="copy"))
            yield self.steady(Button("Save to a file", compact=True, classes="save"))
            yield self.steady(Button(self._sent_button(), compact=True, classes="mark-sent"))
        yield Static(self._sent_line(), classes="sent", markup=False)
        yield CoolOffNote(self.exercise)

    def on_resize(self, event: events.Resize) -> None:
        """Too narrow for the three buttons side by side, they stand one above the other."""
        self.set_class(event.size.width < NARROW, "-narrow")

    def source_answered(self, exercise_id: str, value: object) -> None:
        """Another exercise of the section was answered: blanks filled from it follow, live,
        unless the person has written their own words there."""
        text = value.strip() if isinstance(value, str) else ""
        changed = False
        for blank in self.exercise.fields:
            if blank.source != exercise_id:
                continue
            current = self.values.get(blank.id, "").strip()
            if current and current != self.from_source.get(blank.id):
                continue  # their own words: never overwritten
            self.values[blank.id] = self.from_source[blank.id] = text
            box = self.query_one(f"#input-{self.exercise.id}-{blank.id}", Input)
            with self.prevent(Input.Changed):
                box.value = text
            changed = True
        if changed:
            self.query_one(".preview", Static).update(self.text())
            self.answer(self.value())

    def text(self, *, blanks: bool = True) -> str:
        return fill_template(self.exercise, self.values, blanks=blanks)

    def value(self) -> dict[str, Any]:
        return {"fields": dict(self.values), "sent": self.sent}

    def _sent_button(self) -> str:
        """What pressing the button does (the line below says what is true now)."""
        return "Mark as not sent" if self.sent else "Mark as sent"

    def _sent_line(self) -> str:
        return f"Sent on {self.sent}." if self.sent else "Not sent yet."

    def _missing(self) -> list[str]:
        return [b.label for b in self.exercise.fields if not self.values.get(b.id, "").strip()]

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        blank_id = (event.input.id or "").removeprefix(f"input-{self.exercise.id}-")
        self.values[blank_id] = event.value
        self.query_one(".preview", Static).update(self.text())
        self.answer(self.value())

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()

    @on(Button.Pressed, ".copy")
    def copy(self, event: Button.Pressed | None = None) -> None:
        if event:
            event.stop()
        self.app.copy_to_clipboard(self.text(blanks=False))
        missing = self._missing()
        note = f" Still blank: {', '.join(missing)}." if missing else ""
        self.notify(
            "Copied. If pasting doesn't work in your terminal, use Save to a file." + note,
            title="Copied",
        )

    @on(Button.Pressed, ".save")
    def save(self, event: Button.Pressed | None = None) -> None:
        if event:
            event.stop()
        app: Any = self.app
        folder = app.export_dir
        entry = getattr(app, "entry_id", None)
        path = folder / f"rebound-{entry or 0}-{self.exercise.id}.txt"
        try:
            ensure_private_dir(folder)
            write_export(path, self.text(blanks=False) + "\n", replace=True)  # never via a link
        except OSError as error:
            self.notify(f"Could not save to {path}: {error}", severity="error", timeout=15)
            return
        self.notify(f"Saved to {path}", title="Saved (only you can read it)", timeout=15)

    @on(Button.Pressed, ".mark-sent")
    def toggle_sent(self, event: Button.Pressed | None = None) -> None:
        if event:
            event.stop()
        self.sent = None if self.sent else today()
        button = self.query_one(".mark-sent", Button)
        button.label = self._sent_button()
        button.refresh(layout=True)  # the new words get the room they need
        self.query_one(".sent", Static).update(self._sent_line())
        self.query_one(CoolOffNote).refresh_note()
        self.answer(self.value())
