"""The trust boundary at the catalogs: what a translation may carry.

Translations come from outside the team. A translation may carry exactly the
markup of its original message (the same roles, references, inline markup,
HTML tags and placeholders) and nothing else: no new role or directive in
either form, no raw HTML, no control characters, no link target that differs
from the original's unless it is ``https:`` or ``mailto:``, no token too long
to break on a page. :func:`problems` lists what a translation breaks, each as
one sentence; :mod:`publication.catalogs` adds the file and line.
"""

import io
import re
import unicodedata
from collections import Counter
from urllib.parse import urlsplit

# reST roles in either form: :role:`text` and `text`:role:
_ROLE_PREFIX = re.compile(r"(?<![\w`]):([\w.+-]+(?::[\w.+-]+)?):`")
_ROLE_SUFFIX = re.compile(r"`:([\w.+-]+(?::[\w.+-]+)?):(?![\w`])")
# HTML tags, comments, processing instructions, CDATA.
_TAG = re.compile(r"<\s*(?:/?\s*[A-Za-z][^<>]*|![^<>]*|\?[^<>]*)>?")
_LINK_TARGET = re.compile(r"<[^<>`]*>(?=`__?)")
# printf-style and format-style placeholders.
_PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[#0 +-]*\d*(?:\.\d+)?[a-zA-Z%]|\{[^{}\s]*\}")
# A token that no line can hold: words longer than this are refused.
LONGEST_WORD = 48
SAFE_SCHEMES = ("https", "mailto")


def roles(text: str) -> Counter:
    return Counter(_ROLE_PREFIX.findall(text)) + Counter(_ROLE_SUFFIX.findall(text))


def tags(text: str) -> Counter:
    return Counter(" ".join(m.split()) for m in _TAG.findall(text))


def placeholders(text: str) -> Counter:
    return Counter(p for p in _PLACEHOLDER.findall(text) if p != "%%")


def control_characters(text: str) -> list[str]:
    """Characters of ``text`` that no output should carry: C0/C1 controls
    (but tab and newline), and the bidi overrides that reorder text unseen."""
    bidi_overrides = {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"}
    return sorted({c for c in text if (unicodedata.category(c) == "Cc" and c not in "\n\t") or c in bidi_overrides})


def _doctree(text: str):
    from docutils.core import publish_doctree

    settings = {"report_level": 5, "halt_level": 5, "warning_stream": io.StringIO(), "line_length_limit": 100_000,
                "file_insertion_enabled": False, "raw_enabled": False}
    return publish_doctree(text, settings_overrides=settings)


def _structure(text: str) -> tuple[Counter, list[str]]:
    """The kinds of docutils nodes (but text and paragraphs) and the link targets of a message."""
    from docutils import nodes

    doctree = _doctree(text)
    kinds = Counter(node.tagname for node in doctree.findall(nodes.Element)
                    if not isinstance(node, (nodes.document, nodes.paragraph, nodes.system_message)))
    targets = [node.get("refuri") for node in doctree.findall(nodes.Element) if node.get("refuri")]
    return kinds, targets


def _scheme(uri: str) -> str:
    try:
        return urlsplit(uri.strip()).scheme.lower()
    except ValueError:
        return "?"


def long_words(text: str) -> list[str]:
    """Whitespace-separated tokens longer than LONGEST_WORD (link targets in
    <…> and URLs are broken at their slashes, so they do not count)."""
    text = re.sub(r"<[^<>\s]+>", " ", text)
    return [w for w in text.split() if len(w) > LONGEST_WORD and not re.match(r"`?https?://", w)]


def problems(msgid: str, msgstr: str, rest: bool = True, plural_form: bool = False) -> list[str]:
    """What ``msgstr`` adds to or takes from ``msgid`` that it may not.

    ``rest``: the message is reST (a page of the handbook); interface strings
    (``sphinx.po``) are plain text or HTML templates. ``plural_form``: one
    form of a plural message, which may leave out a placeholder."""
    found = []
    # The target of a reST link (`text <uri>`_) is not HTML.
    html_of = (lambda text: _LINK_TARGET.sub("", text)) if rest else (lambda text: text)
    controls = control_characters(msgstr)
    if controls:
        shown = ", ".join(f"U+{ord(c):04X}" for c in controls)
        found.append(f"the translation contains control characters ({shown}); remove them")
    if tags(html_of(msgstr)) != tags(html_of(msgid)):
        extra = sorted((tags(html_of(msgstr)) - tags(html_of(msgid))).elements())
        missing = sorted((tags(html_of(msgid)) - tags(html_of(msgstr))).elements())
        what = f"adds HTML {extra[0]!r}" if extra else f"drops HTML {missing[0]!r}"
        found.append(f"the translation {what}: raw HTML is not allowed in a translation")
    # A plural form may leave the number out ("one page", Arabic's "two pages"),
    # never add a placeholder the original does not have.
    changed = (not placeholders(msgstr) <= placeholders(msgid)) if plural_form else placeholders(msgstr) != placeholders(msgid)
    if changed:
        want = " ".join(sorted(placeholders(msgid))) or "none"
        got = " ".join(sorted(placeholders(msgstr))) or "none"
        found.append(f"the translation's placeholders ({got}) differ from the original's ({want}); keep them as they are")
    if len(msgstr) > 3 * len(msgid) + 200:
        found.append(f"the translation is {len(msgstr)} characters long, the original {len(msgid)}: "
                     "a message this long cannot be right; shorten it")
    words = long_words(msgstr)
    if words:
        found.append(f"the translation has a {len(words[0])}-character word ({words[0][:20]}…) that no line can hold;"
                     f" words may be at most {LONGEST_WORD} characters")
    if not rest:
        return found
    if roles(msgstr) != roles(msgid):
        extra = sorted((roles(msgstr) - roles(msgid)).elements())
        what = f"adds the role :{extra[0]}:" if extra else "drops a role of the original"
        found.append(f"the translation {what}; a translation keeps the roles of its original")
    if re.search(r"(^|\n)\s*\.\.\s", msgstr) and not re.search(r"(^|\n)\s*\.\.\s", msgid):
        found.append("the translation adds a directive or comment (`.. `); a translation keeps the markup of its original")
    try:
        want_kinds, want_targets = _structure(msgid)
        got_kinds, got_targets = _structure(msgstr)
    except Exception as error:  # docutils can fail on hostile input: refuse, never crash
        return found + [f"the translation cannot be read as reST ({type(error).__name__})"]
    if got_kinds != want_kinds:
        extra = sorted((got_kinds - want_kinds).elements())
        missing = sorted((want_kinds - got_kinds).elements())
        what = f"adds markup ({', '.join(extra)})" if extra else f"drops markup ({', '.join(missing)})"
        found.append(f"the translation {what}; keep the markup of the original")
    for target in got_targets:
        if target not in want_targets and _scheme(target) not in SAFE_SCHEMES:
            found.append(f"the translation links to {target[:60]!r}: a changed link target must be https: or mailto:")
    return found
