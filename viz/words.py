"""The words of the browser views, in English as msgids of the report catalogues (one place for both pages).

``python -m reports.catalogue update`` extracts them from here; translations live in
``reports/locale/<lang>/LC_MESSAGES/partners.po`` with the reports' own words.

* :data:`WORDS` — the offline view ``partners viz --lang uk|en`` writes (:func:`view_words`, put into the page
  template escaped, and read by the page script from its data, ``data.words``).
* :data:`EXPLORER_WORDS` — the explorer of ``partners serve`` (:func:`explorer_words`, served as
  ``/api/words?lang=``); its keys are the ``data-t`` attributes of ``explorer.html`` and the ``t("…")`` calls of
  ``explorer.js``, which holds no words of its own.
* :func:`terms` — the schema's words (kinds, statuses, agreement kinds…) in one language, for labels the pages
  build from data.
"""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 — gettext's marker for words translated later (extracted by Babel)
    return message


WORDS: dict[str, str] = {
    "find": N_("Find"),
    "placeholder": N_("name in English or Ukrainian, alias, id"),
    "kinds": N_("Kinds"),
    "colour_and_shape": N_("(colour and shape)"),
    "countries": N_("Countries"),
    "none_all": N_("(none selected = all)"),
    "show_all_countries": N_("show all countries"),
    "years": N_("Years"),
    "dated_items": N_("(dated agreements, ties, events)"),
    "from": N_("from"),
    "to": N_("to"),
    "lines": N_("Lines"),
    "counts": N_("{nodes} of {all_nodes} entities, {edges} of {all_edges} links shown"),
    "planned": N_("planned / negotiating"),
    "uncertain": N_("uncertain (source is vague)"),
}

EXPLORER_WORDS: dict[str, str] = {
    "title": N_("Partnership Graph"),
    "language": N_("Language"),
    "find": N_("Find"),
    "placeholder": N_("name in English or Ukrainian, alias, id"),
    "ties": N_("Partnership ties"),
    "partner": N_("Partner"),
    "kind": N_("Kind"),
    "status": N_("Status"),
    "date": N_("Date"),
    "flags": N_("Flags"),
    "linked": N_("Agreements, projects, donors, figures"),
    "sources": N_("Sources"),
    "ambiguous": N_("Several matches — pick one:"),
    "unknown": N_("Nothing found."),
    "back": N_("Back"),
    "forward": N_("Forward"),
    "fullGraph": N_("Full graph"),
    "hint": N_("Double-click a node to expand or collapse its neighbours."),
    "more": N_("more"),
    "until": N_("Dated up to"),
    "play": N_("Play"),
    "undated": N_("Undated ties"),
    "suggest": N_("Not found; did you mean:"),
    "found": N_("Found:"),
    "none": N_("none"),
    "noTies": N_("No partnership ties."),
    "network": N_("Network"),
    "map": N_("Map"),
    "console": N_("Cypher console"),
    "filters": N_("Filters"),
    "kinds": N_("Kinds"),
    "countries": N_("Countries"),
    "statuses": N_("Statuses"),
    "colourBy": N_("Colour"),
    "byKind": N_("by kind"),
    "byCountry": N_("by country"),
    "since": N_("Dated from"),
    "actors": N_("actors"),
    "tiesShown": N_("ties"),
    "unplaced": N_("without coordinates"),
    "agreement": N_("Agreement"),
    "report": N_("Report"),
    "brief": N_("brief"),
    "dossier": N_("dossier"),
    "run": N_("Run"),
    "rows": N_("rows"),
    "truncated": N_("truncated"),
    "saveFile": N_("Save as file"),
    "mapNotice": N_("Country outlines: Natural Earth (public domain), via world-atlas."),
    # the legend and the tooltips of the network (what the classic `partners viz` page showed)
    "lines": N_("Lines"),
    "lineSolid": N_("signed or in force"),
    "pending": N_("planned / negotiating"),
    "flagged": N_("flagged (see Flags)"),
    "arrows": N_("arrow: direction of the stored relation"),
    "sizeLegend": N_("size: how many others it is linked to"),
    "links": N_("links"),
}


def _translate(lang: str, words: dict[str, str]) -> dict[str, str]:
    from reports.i18n import Lang

    t = Lang(lang)._t
    return {key: t.gettext(message) for key, message in words.items()}


def view_words(lang: str) -> dict[str, str]:
    """``WORDS`` in ``lang`` (``uk`` or ``en``), from the report catalogues."""
    return _translate(lang, WORDS)


def explorer_words(lang: str) -> dict[str, str]:
    """``EXPLORER_WORDS`` in ``lang`` (``uk`` or ``en``), from the report catalogues."""
    return _translate(lang, EXPLORER_WORDS)


def terms(lang: str) -> dict[str, str]:
    """The schema's words (kinds, enum values such as statuses and agreement kinds) in ``lang``: English → shown."""
    from reports.catalogue import schema_words

    return _translate(lang, {w: w for w in schema_words()})
