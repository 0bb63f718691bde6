"""Rewriting the text of an HTML document and nothing else.

The PDF (publication/pdf.py) and the web pages (publication/sphinxext.py)
change only the text nodes of HTML Sphinx wrote: markup, comments and
declarations are written back as they were read.
"""

from html.parser import HTMLParser


class TextRewriter(HTMLParser):
    """Re-emits a document; subclasses override ``handle_data`` (and the tag
    handlers, to follow where the text stands). :meth:`rewrite` runs it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []

    def rewrite(self, markup: str) -> str:
        self.feed(markup)
        self.close()
        return "".join(self.out)

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(data)

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")
