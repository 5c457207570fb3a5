"""A product description: the seller writes Markdown (plain text with line breaks is Markdown too); we store
that source as typed and render it to sanitised HTML wherever a shopper or the seller's preview reads it.

Contract: ``render_html(source)`` returns HTML that is safe to put in a page: Markdown is rendered by
markdown-it (CommonMark, raw HTML in the source is shown as text, a single line break is kept as a break), then
``nh3`` keeps only the tags in :data:`ALLOWED_TAGS` (no images, no scripts, no styles, no event handlers) and
links only to http(s) and mailto, opened with ``rel="noopener noreferrer nofollow"``. The same function serves
the storefront product page and the editor's preview, so both show the same thing. Pure.
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "blockquote", "code", "hr"})
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False}).disable("image")
_HEADINGS = {"<h1>": "<h3>", "</h1>": "</h3>", "<h2>": "<h3>", "</h2>": "</h3>", "<h5>": "<h4>", "</h5>": "</h4>",
             "<h6>": "<h4>", "</h6>": "</h4>"}


def render_html(source: str) -> str:
    """Sanitised HTML of a Markdown description (see the module contract)."""
    if not isinstance(source, str) or not source.strip():
        return ""
    html = _MARKDOWN.render(source)
    for tag, replacement in _HEADINGS.items():  # the page owns h1/h2; a description's headings sit below them
        html = html.replace(tag, replacement)
    return nh3.clean(html, tags=set(ALLOWED_TAGS), attributes={"a": {"href"}}, url_schemes={"http", "https", "mailto"},
                     link_rel="noopener noreferrer nofollow")
