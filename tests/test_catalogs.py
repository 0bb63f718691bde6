"""The catalogs every edition ships: complete, no fuzzy entries, and the
interface strings of the theme in the edition's language."""

import pytest

from publication import catalogs, facts, ui
from publication.records import load, load_sections


@pytest.mark.parametrize("lang", facts.LANGUAGES)
def test_catalogs_are_complete_without_fuzzy_entries(lang):
    catalogs.check_catalogs(lang)  # raises CatalogError listing file:line


@pytest.mark.parametrize("lang", [l for l in facts.LANGUAGES if l != facts.SOURCE_LANGUAGE])
def test_every_source_message_has_a_translation(editions, lang):
    translate = catalogs.translator(lang)
    for section in load_sections(facts.SOURCE_LANGUAGE, editions / "records"):
        translated = load_sections(lang, editions / "records")[section.number]
        assert translated.title != section.title
        assert [r.id for r in translated.recommendations] == [r.id for r in section.recommendations]
    assert translate(facts.TITLE) != facts.TITLE


def test_there_are_25_recommendations(editions):
    sections = load_sections(facts.SOURCE_LANGUAGE, editions / "records")
    assert [len(s.recommendations) for s in sections] == [7, 6, 4, 4, 4]


@pytest.mark.parametrize("lang", facts.LANGUAGES)
def test_theme_strings_are_in_the_edition_language(editions, lang):
    page = (editions / "html" / lang / "principle-1.html").read_text(encoding="utf-8")
    _ = ui.translator(lang, load(lang, editions / "records").interface)
    for msgid in ("Skip to content", "Next", "Previous", "Language"):
        assert _(msgid) in page, (lang, msgid)
    if lang != ui.MSGID_LANGUAGE:
        assert "Skip to content" not in page
