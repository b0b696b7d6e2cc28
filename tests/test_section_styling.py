"""A section's first visit styles each widget once (issue 13: a first visit's cost).

Textual restyles a widget whenever a class is added or taken away, even before it is
mounted, then styles it again as it mounts: each table cell and composer blank (an
``Input`` setting ``-valid`` and ``-textual-compact`` on itself as it is built) and each
footer key (taking its footer's ``-compact`` as it mounts) were styled two or three times
over. What the person sees is the same (the snapshot tests); only the wasted work is gone.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode

from rebound_tui.core.content import Workbook
from rebound_tui.tui.widgets.cells import StartInput
from rebound_tui.tui.widgets.key_footer import KeyFooter
from tests.helpers.demo_app import demo_app
from tests.helpers.ready import until_ready


async def test_a_first_visit_styles_each_input_and_footer_key_once(
    tmp_path: Path, workbook: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, entry_id = demo_app(tmp_path, workbook)
    styled: Counter[int] = Counter()
    real = Stylesheet.apply

    def apply(self: Stylesheet, node: DOMNode, *args: Any, **kwargs: Any) -> None:
        styled[id(node)] += 1
        real(self, node, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "apply", apply)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            for section in ("bridges", "learning"):  # tables and composers
                styled.clear()
                if app.entry_id is None:
                    app.open_entry(entry_id, section)
                else:
                    app.go_to(section)
                await until_ready(pilot)
                await pilot.pause()
                inputs = list(app.screen.query(StartInput))
                keys = list(app.screen.query_one(KeyFooter).query("FooterKey"))
                assert len(inputs) > 5 and len(keys) > 5
                assert [styled[id(w)] for w in inputs] == [1] * len(inputs)
                assert [styled[id(w)] for w in keys] == [1] * len(keys)
    finally:
        app.store.close()
