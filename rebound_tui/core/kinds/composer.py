"""A composer: a few blanks fill a template (a thank-you note, a feedback request).

Value: ``{"fields": {blank id: text}, "sent": "YYYY-MM-DD" | None, "reread": "YYYY-MM-DD" |
None}``; ``reread`` is the day set to read a draft again before sending (see
:mod:`rebound_tui.core.cool_off`), stored only once there is one. A blank left empty takes
its automatic value, if it has one: the answer named by its ``from`` (e.g. who to thank), or
the entry's fact for blank ids in ``ENTRY_FACTS``; automatic values are shown, never stored
(:meth:`Composer.typed`). A note counts as answered once a blank holds something the person
wrote, or it is marked sent: an untouched template is not an answer. The export shows the
finished note; JSON also holds it, as the answer's ``text``.
"""

from __future__ import annotations

from typing import Any

from rebound_tui.core.content import Exercise, fill_template
from rebound_tui.core.kinds.base import (
    Context,
    Kind,
    Loaded,
    as_text,
    md_line,
    quote,
    shorten,
    text_lines,
)

#: Blanks with these ids take the entry's fact of the same name when left empty.
ENTRY_FACTS: tuple[str, ...] = ("company", "role")


class Composer(Kind[dict[str, Any]]):
    name = "composer"

    def load(self, exercise: Exercise, raw: Any, context: Context) -> Loaded[dict[str, Any]]:
        if raw is None:
            return Loaded({"fields": {}, "sent": None, "reread": None})
        if not isinstance(raw, dict):
            return Loaded({"fields": {}, "sent": None, "reread": None}, odd=True)
        odd = False
        fields: dict[str, str] = {}
        stored = raw.get("fields", {})
        if isinstance(stored, dict):
            for key, text in stored.items():
                shown = as_text(text)
                if shown is None:
                    odd = odd or text is not None
                else:
                    fields[str(key)] = shown
        else:
            odd = stored is not None
        dates: dict[str, str | None] = {}
        for key in ("sent", "reread"):
            day = raw.get(key)
            if day is not None and not (isinstance(day, str) and day.strip()):
                odd = odd or day != ""
                day = None
            dates[key] = day
        return Loaded({"fields": fields, **dates}, odd=odd)

    def sourced(self, exercise: Exercise, context: Context) -> dict[str, str]:
        """Blanks filled from another exercise's answer (their ``from``), and with what."""
        found: dict[str, str] = {}
        for blank in exercise.fields:
            text = as_text(context.answer(blank.source)) if blank.source else None
            if text and text.strip():
                found[blank.id] = text.strip()
        return found

    def automatic(self, exercise: Exercise, context: Context) -> dict[str, str]:
        """What each blank shows before the person types in it: its source's answer, else
        the entry's fact of the same name."""
        found = self.sourced(exercise, context)
        for blank in exercise.fields:
            if blank.id not in found and blank.id in ENTRY_FACTS:
                text = as_text(context.facts.get(blank.id))
                if text and text.strip():
                    found[blank.id] = text.strip()
        return found

    def filled(self, exercise: Exercise, value: dict[str, Any], context: Context) -> dict[str, str]:
        """Every blank's text: what the person typed, else its automatic value."""
        automatic = self.automatic(exercise, context)
        typed: dict[str, str] = value["fields"]
        return {
            blank.id: typed.get(blank.id, "").strip() or automatic.get(blank.id, "")
            for blank in exercise.fields
        }

    def text(self, exercise: Exercise, value: dict[str, Any], context: Context) -> str:
        """The finished note; a blank still empty shows as ``[its label]``."""
        return fill_template(exercise, self.filled(exercise, value, context))

    def is_answered(self, exercise: Exercise, value: dict[str, Any]) -> bool:
        typed: dict[str, str] = value["fields"]
        return bool(value["sent"]) or any(typed.get(b.id, "").strip() for b in exercise.fields)

    def typed(self, exercise: Exercise, shown: dict[str, str], context: Context) -> dict[str, str]:
        """What to store of the blanks on screen: only what the person wrote, not what fills
        a blank by itself (so an untouched note stays unanswered, and follows its source)."""
        automatic = self.automatic(exercise, context)
        return {
            key: text
            for key, text in shown.items()
            if text.strip() and text.strip() != automatic.get(key, "")
        }

    def markdown(self, exercise: Exercise, value: dict[str, Any], context: Context) -> str:
        sent, reread = value["sent"], value["reread"]
        status = f"*Sent on {md_line(sent)}.*" if sent else "*Not sent yet.*"
        if reread and not sent:
            status = f"*Not sent yet; to read again on {md_line(reread)} before sending.*"
        return f"{quote(self.text(exercise, value, context))}\n\n{status}"

    def data(self, exercise: Exercise, value: dict[str, Any], context: Context) -> Any:
        """As stored: ``reread`` only once there is a day (most notes never get one)."""
        return {key: v for key, v in value.items() if key != "reread" or v}

    def finished(self, exercise: Exercise, value: dict[str, Any], context: Context) -> str:
        return self.text(exercise, value, context)

    def summary(self, exercise: Exercise, value: dict[str, Any], context: Context) -> str:
        state = f"sent {value['sent']}" if value["sent"] else "not sent yet"
        return shorten(f"{self.text(exercise, value, context)} ({state})")

    def lines(self, exercise: Exercise, value: dict[str, Any], context: Context) -> list[str]:
        """The blanks the person filled in (not the template, not the sent or reread day)."""
        typed: dict[str, str] = value["fields"]
        return [line for text in typed.values() for line in text_lines(text)]
