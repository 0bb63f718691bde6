/* The web edition's search page (publication/sphinxext.py adds this script
   to it and to no other page).

   One result per page: Sphinx lists a page once for each way it matches
   (its text, a section title, each glossary term), and counts each in "found
   N pages". Each page keeps its best-scored result.

   A result's summary reads as the page does: Sphinx takes it from the page's
   text, whose headings carry soft hyphens; they are left out. A hyphen that
   opens a word ("Asunto ensin -mallin") stays with the word: a word joiner
   (U+2060) after it forbids a line break there. */
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined") return;
  if (typeof Search._performSearch === "function") {
    const performSearch = Search._performSearch;
    // The results come best last (Sphinx shows them by popping the array).
    Search._performSearch = (...args) => {
      const results = performSearch(...args);
      const seen = new Set();
      const kept = [];
      for (let i = results.length - 1; i >= 0; i--) {
        const page = results[i][0];
        if (!seen.has(page)) {
          seen.add(page);
          kept.unshift(results[i]);
        }
      }
      return kept;
    };
  }
  if (typeof Search.htmlToText === "function") {
    const htmlToText = Search.htmlToText;
    Search.htmlToText = (htmlString, anchor) =>
      htmlToText(htmlString, anchor)
        .replace(/\u00AD/g, "")
        .replace(/(\s-)(?=\p{L})/gu, "$1\u2060");
  }
});
