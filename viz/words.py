"""The words of the offline view (`partners viz --lang uk|en`), in English as msgids of the report catalogues.

``python -m reports.catalogue update`` extracts them from here too; :func:`view_words` gives one language's
words, which :func:`viz.network.network_html` puts into the page template (escaped) and the page script reads
from its data (``data.words``).
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


def view_words(lang: str) -> dict[str, str]:
    """``WORDS`` in ``lang`` (``uk`` or ``en``), from the report catalogues."""
    from reports.i18n import Lang

    t = Lang(lang)._t
    return {key: t.gettext(message) for key, message in WORDS.items()}
