"""Plain text out of HTML and Markdown, with the metadata an HTML page carries."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
          "article", "header", "footer", "blockquote", "figcaption", "ul", "ol", "table"}
_SKIP = {"script", "style", "noscript", "template", "svg", "head"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.skip = 0
        self.in_title = False
        self.title: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or "").lower()
            value = a.get("content", "")
            if key in ("og:title", "twitter:title"):
                self.meta.setdefault("title", value)
            elif key in ("og:site_name", "publisher", "author"):
                self.meta.setdefault("publisher", value)
            elif key in ("article:published_time", "date", "pubdate", "dc.date"):
                self.meta.setdefault("published", value)
            elif key == "og:url":
                self.meta.setdefault("url", value)
        if tag == "title":
            self.in_title = True
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in _SKIP and self.skip:
            self.skip -= 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.parts.append(data)


def html_to_text(page: str) -> tuple[str, dict[str, str]]:
    """The visible text of an HTML page, one block per paragraph, and its metadata."""
    parser = _Text()
    parser.feed(page)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    text = re.sub(r" *\n[ \n]*", "\n\n", text).strip()
    meta = dict(parser.meta)
    if "title" not in meta and parser.title:
        meta["title"] = " ".join("".join(parser.title).split())
    return text, meta


def markdown_to_text(md: str) -> str:
    """Markdown without its markup: headings, emphasis, links and images become plain text."""
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", md)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.M)
    text = re.sub(r"^\s{0,3}>\s?", "", text, flags=re.M)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    return unescape(text)
