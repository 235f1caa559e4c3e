"""Coverage as a terminal table, JSON or CSV (the presentation layer of :mod:`analysis.coverage`)."""

from __future__ import annotations

import csv
import io
import json

from analysis.coverage import KINDS, Coverage
from analysis.growth import FIRST_YEAR, Growth


def _t(text: object) -> str:
    """Text for the terminal: control characters (escape sequences in data) shown as '?'."""
    return "".join(ch if ch.isprintable() else "?" for ch in str(text))


def coverage_json(c: Coverage) -> str:
    return json.dumps({
        "oblasts": [{"code": o.code, "oblast": o.name, "communities": o.units, "with_foreign_partner": o.with_foreign,
                     "share": round(o.share, 4), "by_kind": o.by_kind, "agreements": o.agreements,
                     "in_ministry_count": o.in_ministry_count} for o in c.oblasts],
        "national": {"communities": c.national_units, "with_foreign_partner": c.national_with_foreign,
                     "agreements": c.national_agreements, "ministry": c.ministry, "difference": c.difference()},
        "gaps": [{"id": u.id, "name": u.name, "code": u.code, "oblast": u.oblast, "type": u.community_type,
                  "population": u.population, "status": u.status} for u in c.gaps],
        "stale": [{"unit": t.unit, "partner": t.partner, "country": t.partner_country, "kind": t.kind,
                   "year": t.year, "tie": t.tie_id} for t in c.stale],
        "growth": {a: {"years": {str(y): n for y, n in c.growth.years.get(a, {}).items()},
                       "undated": c.growth.undated.get(a, 0), "undated_share": round(c.growth.undated_share(a), 4)}
                   for a in c.growth.areas()},
    }, ensure_ascii=False, indent=2)


def coverage_csv(c: Coverage, listing: str = "oblasts") -> str:
    """One row per oblast; with ``listing`` ``gaps`` one per community without a foreign partner, with ``stale``
    one per stale tie."""
    out = io.StringIO()
    w = csv.writer(out)
    if listing == "gaps":
        w.writerow(["code", "name", "oblast", "type", "population", "status", "id"])
        for u in c.gaps:
            w.writerow([u.code, u.name, c.oblast_names.get(u.oblast, u.oblast), u.community_type or "",
                        "" if u.population is None else u.population, u.status or "", u.id])
        return out.getvalue()
    if listing == "stale":
        w.writerow(["year", "unit", "partner", "country", "kind", "tie"])
        for t in c.stale:
            w.writerow([t.year, t.unit, t.partner, t.partner_country, t.kind, t.tie_id])
        return out.getvalue()
    w.writerow(["oblast", "code", "communities", "with_foreign_partner", "share", *KINDS, "agreements",
                "in_ministry_count"])
    for o in c.oblasts:
        w.writerow([o.name, o.code, o.units, o.with_foreign, f"{o.share:.4f}", *(o.by_kind[k] for k in KINDS),
                    o.agreements, "yes" if o.in_ministry_count else "no"])
    return out.getvalue()


def growth_lines(growth: Growth) -> list[str]:
    """Ties per year since 1991, for Ukraine and each oblast, with the undated share."""
    lines: list[str] = []
    for area in growth.areas():
        dated, undated = growth.dated(area), growth.undated.get(area, 0)
        if not dated + undated:
            continue
        years = ", ".join(f"{y}: {n}" for y, n in growth.years.get(area, {}).items() if y >= FIRST_YEAR)
        earlier = growth.before(area)
        lines.append(f"ties per year, {_t(area)}: {years or 'none dated'}"
                     + (f"; before {FIRST_YEAR}: {earlier}" if earlier else "")
                     + f" — undated {undated} of {dated + undated} ({growth.undated_share(area):.0%})")
    return lines


def coverage_table(c: Coverage, gap_limit: int = 50) -> str:
    lines = [f"{'oblast':<32} {'communities':>11} {'w/ foreign':>10} {'share':>6} {'twin':>5} {'agr':>4} "
             f"{'coop':>5} {'agreements':>10}"]
    for o in c.oblasts:
        mark = "" if o.in_ministry_count else " *"
        lines.append(f"{_t(o.name + mark)[:32]:<32} {o.units:>11} {o.with_foreign:>10} {o.share:>6.1%} "
                     f"{o.by_kind['twinning']:>5} {o.by_kind['agreement']:>4} {o.by_kind['cooperation']:>5} "
                     f"{o.agreements:>10}")
    lines.append("* not in the Ministry's count of ~1,469 (Crimea, Kyiv, Sevastopol)")
    lines.append("")
    m = c.ministry
    lines.append(f"national (24 oblasts): {c.national_with_foreign} of {c.national_units} communities with a foreign "
                 f"partner, {c.national_agreements} agreements; Ministry: {m['communities_with_foreign_partner']}"
                 f" of ~{m['communities_total']}, {m['agreements']} agreements ({m['as_of']})")
    lines.append(c.difference())
    lines += growth_lines(c.growth)
    lines.append("")
    lines.append(f"gaps — communities without a known foreign partner: {len(c.gaps)}"
                 + (f" (first {gap_limit}; --format json, or csv --list gaps, for all)" if len(c.gaps) > gap_limit
                    else ""))
    if c.gaps:
        lines.append(f"  {'code':<19}  {'type':<10} {'population':>9}  name (population: GeoNames, of the centre, "
                     "where matched; no frontline list in the data)")
    for u in c.gaps[:gap_limit]:
        pop = "" if u.population is None else f"{u.population:,}"
        lines.append(f"  {u.code}  {(u.community_type or '?'):<10} {pop:>9}  {_t(u.name)}"
                     + (f" ({u.status})" if u.status else ""))
    if c.stale:
        lines.append("")
        lines.append(f"stale ties: {len(c.stale)}")
        for t in c.stale[:gap_limit]:
            lines.append(f"  {t.year}  {_t(t.unit)} — {_t(t.partner)} ({t.partner_country}, {t.kind})")
    return "\n".join(lines)
