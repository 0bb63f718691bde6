"""reST markup of the recommendations, for Sphinx and for plain docutils.

A section page holds its recommendations like this::

    .. recommendations::

       .. recommendation:: 1.1

          Asukkaalla on huoneenvuokralain mukainen vuokrasopimus. ...

The ID is a directive argument, so it is never a translatable message: it is
the same in every language and every output. Each recommendation becomes a
list item whose HTML id is ``rec-1-1``; the visible ID is added after
translation (:class:`RecommendationIdLabels`), so the catalogs hold only the
sentences.
"""

import re

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from docutils.transforms import Transform

RECOMMENDATION_ID = re.compile(r"^(\d+)\.(\d+)$")


def anchor(rec_id: str) -> str:
    """The HTML id of a recommendation: '1.1' -> 'rec-1-1'."""
    return "rec-" + rec_id.replace(".", "-")


class RecommendationsDirective(Directive):
    """A section's list of recommendations."""

    has_content = True

    def run(self):
        self.assert_has_content()
        node = nodes.bullet_list(classes=["recommendations"])
        self.state.nested_parse(self.content, self.content_offset, node)
        for child in node.children:
            if not (isinstance(child, nodes.list_item) and child.get("recommendation_id")):
                raise self.error("only 'recommendation' directives may stand in 'recommendations'")
        # The section's colour (design tokens: .hb-section-N) from the IDs.
        number = node.children[0]["recommendation_id"].split(".")[0] if node.children else None
        if number is not None:
            node["classes"].append(f"hb-section-{number}")
        return [node]


class RecommendationDirective(Directive):
    """One recommendation: an ID such as 1.1 and one or more paragraphs."""

    required_arguments = 1
    has_content = True

    def run(self):
        rec_id = self.arguments[0]
        if not RECOMMENDATION_ID.match(rec_id):
            raise self.error(f"recommendation ID {rec_id!r} is not of the form N.M (e.g. 1.1)")
        self.assert_has_content()
        item = nodes.list_item(classes=["recommendation"], recommendation_id=rec_id)
        self.state.nested_parse(self.content, self.content_offset, item)
        if not item.children or not isinstance(item.children[0], nodes.paragraph):
            raise self.error(f"recommendation {rec_id} must start with a paragraph")
        target = anchor(rec_id)
        item["names"].append(target)
        self.state.document.note_explicit_target(item, item)
        return [item]


class RecommendationIdLabels(Transform):
    """Put each recommendation's ID in front of its first paragraph.

    Runs after Sphinx's i18n transform (priority 20), which replaces the
    paragraph's children with the translation."""

    default_priority = 880

    def apply(self):
        for item in self.document.findall(nodes.list_item):
            rec_id = item.get("recommendation_id")
            if not rec_id or item.get("labelled"):
                continue
            paragraph = item.children[0]
            label = nodes.inline(rec_id, rec_id, classes=["recommendation-id"])
            paragraph.insert(0, nodes.Text(" "))
            paragraph.insert(0, label)
            item["labelled"] = True


def register_docutils():
    """Make the directives known to plain docutils (the content reader)."""
    directives.register_directive("recommendations", RecommendationsDirective)
    directives.register_directive("recommendation", RecommendationDirective)


def setup(app):
    app.add_directive("recommendations", RecommendationsDirective)
    app.add_directive("recommendation", RecommendationDirective)
    app.add_transform(RecommendationIdLabels)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
