"""Keep the report catalogues (``reports/locale/<lang>/LC_MESSAGES/partners.po``) in step with the code.

``python -m reports.catalogue update`` extracts every message the report code marks (``_``, ``N_``,
``ngettext``) with Babel, adds the words the schema declares (kinds and the values of enum fields: statuses,
agreement kinds, roles…) and the figure metrics the seeds use, writes ``partners.pot`` and merges it into each
language's ``.po`` (new messages arrive untranslated, for a translator). ``python -m reports.catalogue compile``
writes the ``.mo`` files that ship. ``check`` fails when a ``.mo`` is older in content than its ``.po`` or a
Ukrainian message is untranslated.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reports.i18n import DOMAIN, LANGS, LOCALE_DIR

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

HERE = Path(__file__).resolve().parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def schema_words() -> list[str]:
    """Kinds and enum values of the schema: what a report shows as a kind, status, agreement kind or role."""
    from graph.schema import load_schema

    schema = load_schema()
    out: list[str] = list(schema.kinds)
    for kind in schema.kinds.values():
        for f in kind.fields.values():
            out.extend(f.values)
    for relation in schema.relations.values():
        for f in relation.fields.values():
            out.extend(f.values)
    return list(dict.fromkeys(out))


def seed_words(seeds: Path | None = None) -> list[str]:
    """The figure metrics and qualifiers the seeds state (``funds-attracted…`` shown as words)."""
    from loaders.seeds import read_seeds

    root = seeds or HERE.parent / "seeds"
    if not root.is_dir():
        return []
    out: list[str] = []
    for node in read_seeds(root).nodes.values():
        if node.kind == "Figure":
            metric = str(node.props.get("metric") or "").replace("-", " ")
            out += [w for w in (metric, str(node.props.get("qualifier") or "")) if w]
    return sorted(set(out))


def extract() -> Catalog:
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    catalog = Catalog(project="partnership-graph", domain=DOMAIN)
    for filename, lineno, message, comments, context in extract_from_dir(
            str(HERE), method_map=[("**.py", "python")], keywords=KEYWORDS):
        catalog.add(message, None, [(f"reports/{filename}", lineno)], auto_comments=comments, context=context)
    for filename, lineno, message, comments, context in extract_from_dir(  # the offline view's words
            str(HERE.parent / "viz"), method_map=[("words.py", "python")], keywords=KEYWORDS):
        catalog.add(message, None, [(f"viz/{filename}", lineno)], auto_comments=comments, context=context)
    for word in schema_words():
        catalog.add(word, None, [("graph/schema.yaml", 0)])
    for word in seed_words():
        catalog.add(word, None, [("seeds (figures)", 0)])
    return catalog


def _po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_po(lang: str) -> Catalog:
    from babel.messages.pofile import read_po as _read

    with _po_path(lang).open("rb") as f:
        return _read(f, locale=lang, domain=DOMAIN)


def update() -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    template = extract()
    with (LOCALE_DIR / f"{DOMAIN}.pot").open("wb") as f:
        write_po(f, template, omit_header=False, width=116, sort_output=True)
    for lang in LANGS:
        path = _po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog = read_po(lang) if path.exists() else Catalog(locale=lang, domain=DOMAIN)
        catalog.update(template, no_fuzzy_matching=True)
        with path.open("wb") as f:
            write_po(f, catalog, width=116, sort_output=True, ignore_obsolete=True)


def mo_bytes(lang: str) -> bytes:
    from babel.messages.mofile import write_mo

    buf = io.BytesIO()
    write_mo(buf, read_po(lang), use_fuzzy=False)
    return buf.getvalue()


def _messages(data: bytes) -> dict[Any, Any]:
    """The translations a compiled catalogue holds (message id, context) -> string, whatever wrote the bytes."""
    from babel.messages.mofile import read_mo

    def frozen(x: Any) -> Any:
        return tuple(x) if isinstance(x, (list, tuple)) else x

    return {(frozen(m.id), m.context): frozen(m.string) for m in read_mo(io.BytesIO(data)) if m.id}


def compile_all() -> None:
    for lang in LANGS:
        (_po_path(lang).with_suffix(".mo")).write_bytes(mo_bytes(lang))


def problems() -> list[str]:
    """What is out of step: a stale ``.mo``, a message the code uses but the ``.po`` lacks, an untranslated one."""
    out: list[str] = []
    wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in extract() if m.id}
    for lang in LANGS:
        mo = _po_path(lang).with_suffix(".mo")
        # compared by content: Babel versions lay out the same catalogue in different bytes
        if not mo.exists() or _messages(mo.read_bytes()) != _messages(mo_bytes(lang)):
            out.append(f"{mo} does not match its .po — run `python -m reports.catalogue compile`")
        catalog = read_po(lang)
        have = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
        missing = sorted(wanted - have)
        if missing:
            out.append(f"{lang}: {len(missing)} messages missing, e.g. {missing[:3]} — run "
                       "`python -m reports.catalogue update`")
        if lang != "en":
            untranslated = sorted(str(m.id) for m in catalog if m.id and not (
                all(m.string) if isinstance(m.string, (list, tuple)) else m.string))
            if untranslated:
                out.append(f"{lang}: {len(untranslated)} untranslated, e.g. {untranslated[:3]}")
            fuzzy = sorted(str(m.id) for m in catalog if m.id and m.fuzzy)
            if fuzzy:
                out.append(f"{lang}: {len(fuzzy)} fuzzy (not used until checked), e.g. {fuzzy[:3]}")
    return out


if __name__ == "__main__":  # pragma: no cover
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    else:
        found = problems()
        print("\n".join(found) or "catalogues are up to date")
        sys.exit(1 if found else 0)
