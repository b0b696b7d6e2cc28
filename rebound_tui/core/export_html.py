"""One self-contained, printable HTML page from Markdown. No Textual import.

:func:`markdown_page` is the one place Markdown becomes HTML: the entry export
(``rebound export --format html``, the app's export key) and any other page Rebound writes
(e.g. an interview-prep page) go through it, so they share its safety rules and its look.

What a person wrote is text, never markup. markdown-it-py renders with every rule that could
turn their words into something active or fetched switched off: raw HTML (``<script>``,
``<img onerror=…>`` stay characters), links, images, autolinks, linkify, reference definitions
and HTML entities. The page makes no request of its own either: the CSS is inline, there are
no fonts, images or scripts, and a Content-Security-Policy forbids loading anything at all.
"""

from __future__ import annotations

import html

from markdown_it import MarkdownIt

__all__ = ["PAGE_CSS", "markdown_page"]

#: Rules that could make a person's text active, fetch something, or change what they typed.
_OFF = ["html_block", "html_inline", "link", "image", "autolink", "reference", "entity"]

# Light by default, dark when the system asks for it, plain black on white on paper.
PAGE_CSS = """
:root { color-scheme: light dark; --bg: #fdfcf9; --fg: #1f2328; --muted: #5b6168;
  --rule: #d8d4cc; --quote: #f2efe8; --accent: #2f6b5a; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #16181b; --fg: #e6e3dd; --muted: #a3a7ad; --rule: #3a3e44;
    --quote: #1f2226; --accent: #8cc7b3; }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body { max-width: 44rem; margin: 0 auto; padding: 2.5rem 1.25rem 4rem;
  font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", sans-serif;
  overflow-wrap: anywhere; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 1rem; color: var(--accent); }
h2 { font-size: 1.25rem; margin: 2.25rem 0 0.5rem; padding-top: 1rem;
  border-top: 1px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 1.5rem 0 0.5rem; }
p, ul, ol { margin: 0.5rem 0 0.9rem; }
li { margin: 0.15rem 0; }
em { color: var(--muted); }
blockquote { margin: 0.25rem 0 1rem; padding: 0.5rem 1rem; background: var(--quote);
  border-left: 3px solid var(--accent); border-radius: 0 4px 4px 0; }
blockquote p { margin: 0; white-space: pre-wrap; }
blockquote p + p { margin-top: 0.75em; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
  font-size: 0.92em; }
pre { background: var(--quote); padding: 0.75rem 1rem; overflow-x: auto; white-space: pre-wrap; }
hr { border: 0; border-top: 2px dashed var(--rule); margin: 3rem 0; }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--rule); padding: 0.25rem 0.5rem; text-align: left; }
@media print {
  :root { --bg: #fff; --fg: #000; --muted: #333; --rule: #999; --quote: #fff; --accent: #000; }
  html, body { background: #fff; color: #000; }
  body { max-width: none; padding: 0; font: 11pt/1.45 Georgia, "Times New Roman", serif; }
  h1 { font-size: 18pt; }
  h2 { font-size: 14pt; break-after: avoid; page-break-after: avoid; }
  blockquote { border-left: 2pt solid #000; break-inside: avoid; page-break-inside: avoid; }
  li, p { orphans: 3; widows: 3; }
  p:has(> strong:only-child) { break-after: avoid; page-break-after: avoid; }
  hr { break-after: page; page-break-after: always; border: 0; margin: 0; }
}
@page { margin: 2cm; }
""".strip()

# Nothing may be loaded: styles only from the inline <style>, no images, fonts, scripts.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(_OFF)
    return md


def markdown_page(markdown: str, title: str, *, lang: str = "en") -> str:
    """A whole HTML document: ``markdown`` rendered safely, with the inline stylesheet.

    ``title`` is plain text (escaped here). The result has no external reference of any kind.
    """
    # A hard break renders as "<br />" plus a newline; quotes keep white space (pre-wrap, for
    # the person's spacing), so the newline would show as a second, empty line.
    body = _renderer().render(markdown).replace("<br />\n", "<br />")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{html.escape(title)}</title>\n<style>\n{PAGE_CSS}\n</style>\n</head>\n"
        f"<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )
