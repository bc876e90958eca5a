"""Plain text out of HTML and Markdown, with the metadata an HTML page carries."""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape
from html.parser import HTMLParser

_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
          "article", "header", "footer", "blockquote", "figcaption", "ul", "ol", "table"}
_SKIP = {"script", "style", "noscript", "template", "svg", "head",
         # a page's furniture, not its report: menus, sidebars, page headers and footers
         "nav", "aside", "header", "footer", "form", "button", "menu"}
# The most of a JSON-LD block read for a page's metadata (a report's is a few KB).
_LD_MAX = 200_000


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.skip = 0
        self.in_title = False
        self.title: list[str] = []
        self.ld: list[str] | None = None  # the JSON-LD block being read

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
        if tag == "script" and a.get("type", "").lower().strip() == "application/ld+json":
            self.ld = []
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag == "script" and self.ld is not None:
            _linked_data("".join(self.ld)[:_LD_MAX], self.meta)
            self.ld = None
        if tag in _SKIP and self.skip:
            self.skip -= 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.ld is not None:
            self.ld.append(data)
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.parts.append(data)

    def parse_marked_section(self, i, report=1):
        # "<![foo[" (anything but CDATA and MS Office's "<![if ...]>") makes Python's parser
        # raise AssertionError; a browser reads it as a bogus comment, up to the next ">".
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            return self.parse_bogus_comment(i, report)


def _linked_data(block: str, meta: dict[str, str]) -> None:
    """A news article's JSON-LD (schema.org NewsArticle and kin): its date, headline,
    publisher and address, where the page's meta tags did not give them. Data, read with
    json.loads; anything unreadable is passed over."""
    import json

    try:
        data = json.loads(block)
    except (ValueError, RecursionError):
        return
    items = data if isinstance(data, list) else [data]
    if isinstance(data, dict) and isinstance(data.get("@graph"), list):
        items = data["@graph"]
    for item in items[:50]:
        if not isinstance(item, dict):
            continue
        kind = item.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if not any(isinstance(k, str) and k.endswith(("Article", "Posting", "Report"))
                   for k in kinds):
            continue
        for key, field in (("datePublished", "published"), ("headline", "title"),
                           ("url", "url")):
            if isinstance(item.get(key), str):
                meta.setdefault(field, item[key])
        publisher = item.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            meta.setdefault("publisher", publisher["name"])
        return


# "<" that opens no tag, comment or declaration: plain text, which Python's parser would
# otherwise hand over one character at a time.
_LONE_LT = re.compile(r"<(?![A-Za-z/!?])")


def html_to_text(page: str) -> tuple[str, dict[str, str]]:
    """The visible text of an HTML page, one block per paragraph, and its metadata.

    Linear in the page: a tag, comment or declaration left open runs to the end of the
    page and shows nothing, as in a browser (Python's parser, before 3.13.4, re-scanned the
    rest of the page for every "<" after it: minutes for 300 KB of "<a").
    """
    parser = _Text()
    parser.feed(_LONE_LT.sub("&lt;", page))
    # feed() stops at the first construct that is never closed and keeps the rest of the
    # page from there; close() would re-scan that rest once per "<" in it.
    if len(parser.rawdata) > 1 and parser.rawdata.startswith("<"):
        parser.rawdata = ""
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    text = re.sub(r" *\n[ \n]*", "\n\n", text).strip()
    meta = dict(parser.meta)
    if "title" not in meta and parser.title:
        meta["title"] = " ".join("".join(parser.title).split())
    return text, meta


# Markdown. Its blocks are read by markdown-it-py's CommonMark parser (code fences and
# indented code, tables, lists, block quotes, ATX and setext headings, HTML blocks, link
# reference definitions); the inline markup within each block by the linear rules below.
# (markdown-it-py's inline parser is linear too, but reads 300 KB of "![" in 6.4 s and of
# "[" in 4 s, twenty-five times slower than these rules on hostile text; its block parser
# stays within a few microseconds a character on any text: tests/test_read_hostile.py.)
#
# None of the inline rules' patterns can hold its own opening delimiter: a failed match then
# scans only up to the next opener, so reading is linear in the text. (".+?" and "[^\]]*"
# re-scanned to the end of the text from every unclosed "*" or "[": 47 s for 40,000 "*a ",
# hours for 210 KB of "[".) Link and image text may run over the lines of a wrapped
# paragraph; the address stays on one line and may hold one level of parentheses
# (Wikipedia's "Foo_(bar)").
_TEXT = r"([^\[\]\n]*(?:\n[^\[\]\n]*)*)"
_URL = r"\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)"
_IMAGE = re.compile(r"!\[" + _TEXT + r"\]" + _URL)
_LINK = re.compile(r"\[(?!\])" + _TEXT + r"\]" + _URL)
_REFERENCE = re.compile(r"\[(?!\])" + _TEXT + r"\]\[[^\[\]\n]*\]")  # [text][label], [text][]
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>|<!--[^<>]*-->")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
# "**bold**", "__bold__", "~~struck~~": linear as it is, since a failed start means no
# closer follows on its line (so at most a few starts per line fail).
_STRONG = re.compile(r"(\*\*|__|~~)(.+?)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+)(?<!\s)\*(?![\w*])|"
                       r"(?<![\w_])_(?!\s)([^_\n]+)(?<!\s)_(?![\w_])")
_CODE = re.compile(r"`([^`]*)`")  # linear: only the last "`" can fail
# escaped ASCII signs wait at U+E021-U+E07E (Unicode's private use; such a character in
# the report itself comes out as its ASCII sign: text either way, escaped by every output)
_SET_ASIDE = 0xE000
_PUT_BACK = {_SET_ASIDE + c: chr(c) for c in range(0x21, 0x7F)}
_ASIDE = {c: chr(_SET_ASIDE + c) for c in range(0x21, 0x7F)}


def _inline(text: str) -> str:
    """A block's inline Markdown as plain text: links and images their text, emphasis and
    code spans their content, autolinks their address, inline HTML and escapes gone. An
    escaped sign ("\\*") is set aside first, as a private-use character, so that no rule
    reads it as markup, and put back last; so is a code span's content."""
    # (a code span's content is literal: set aside whole, before anything reads it)
    text = _CODE.sub(lambda m: m.group(1).translate(_ASIDE), text)
    text = _ESCAPED.sub(lambda m: chr(_SET_ASIDE + ord(m.group(1))), text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REFERENCE.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    return unescape(text).translate(_PUT_BACK)


@lru_cache(maxsize=1)
def _markdown_blocks():
    from markdown_it import MarkdownIt

    # (the block rules alone: "inline" is the core rule that would run the inline parser)
    return MarkdownIt("commonmark", {"maxNesting": 20}).enable("table").disable("inline")


def markdown_to_text(md: str) -> str:
    """Markdown as the text a reader reads: a paragraph per block (a heading, a paragraph,
    a list item, a table row of its cells), links and images as their text, emphasis and
    code spans as their content; code blocks, rules and link definitions left out (code is
    not the report's prose), an HTML block read as HTML."""
    out: list[str] = []
    row: list[str] | None = None
    for token in _markdown_blocks().parse(md):
        if token.type == "inline":
            text = _inline(token.content)
            if row is not None:
                row.append(text.strip())  # a table's cell
            else:
                out.append(text)
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            out.append(" ".join(c for c in row if c))
            row = None
        elif token.type == "html_block":
            out.append(html_to_text(token.content)[0])
    return "\n\n".join(p.strip() for p in out if p.strip())
