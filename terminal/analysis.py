"""``partners analyse`` as text: a few summary lines and one plain table per section of the analysis report."""

from __future__ import annotations

from typing import Any

from analysis.results import AnalysisReport, DegreeRow, Ranked
from terminal.tables import table


def _place(row: DegreeRow | Ranked) -> str:
    return f"{row['name']} ({row['country']})" if row.get("country") else str(row["name"])


def report_text(report: AnalysisReport, top: int = 10) -> str:
    """The report as text: a few summary lines and one plain table per section (``top`` rows where long)."""
    gr, out = report["graph"], []
    out.append(f"graph: {gr['entities']} entities, {gr['relations']} relations; partnership network: "
               f"{gr['actors']} actors ({gr['actors_with_partners']} with partners), {gr['ties']} partner pairs "
               f"from {gr['agreements_and_cooperations']} agreements and cooperations, "
               f"{gr['connected_groups']} connected groups")
    sample = report["top"]["betweenness_sample"]

    def section(title: str, columns: list[str], rows: list[list[Any]], note: str = "") -> None:
        out.append("")
        out.append(title + (f" — {note}" if note else ""))
        out.append(table(columns, [["" if v is None else str(v) for v in r] for r in rows]) if rows else "  (none)")

    section("Top actors by ties (weighted degree)", ["#", "actor", "kind", "partners", "ties"],
            [[i, _place(r), r["kind"], r["degree"], r["weighted_degree"]]
             for i, r in enumerate(report["top"]["weighted_degree"], 1)])
    section("Top actors by PageRank", ["#", "actor", "kind", "PageRank"],
            [[i, _place(r), r["kind"], f"{r['value']:.4f}"] for i, r in enumerate(report["top"]["pagerank"], 1)],
            "how well connected their partners are")
    section("Top actors by betweenness", ["#", "actor", "kind", "betweenness"],
            [[i, _place(r), r["kind"], f"{r['value']:.4f}"] for i, r in enumerate(report["top"]["betweenness"], 1)],
            "how often on the shortest chain between two others" +
            (f" (sampled: k={sample['k']}, seed={sample['seed']})" if sample else " (exact)"))
    com = report["communities"]
    section("Communities (Louvain)", ["#", "size", "members"],
            [[c["index"] + 1, c["size"], "; ".join(m["name"] for m in c["members"])] for c in com["largest"]],
            f"{com['count']} groups, {com['with_partners']} with more than one actor; largest shown")
    br = report["brokers"]
    key_bridges = [b for b in br["bridges"] if not b["sole_partner"]]
    section("Brokers (their loss would split the network)", ["actor", "partners"],
            [[a["name"], a["degree"]] for a in br["articulation_points"]])
    section("Bridges (ties with no alternative route)", ["between", "and"],
            [[b["between"][0]["name"], b["between"][1]["name"]] for b in key_bridges[:top]],
            f"{len(br['bridges'])} in all, {len(br['bridges']) - len(key_bridges)} of them to an actor's only "
            f"partner (not listed)")
    kc = report["k_core"]
    section("k-core", ["core", "actors"], [[c, n] for c, n in kc["actors_by_core"].items()],
            f"innermost core {kc['max_core']}: " + "; ".join(m["name"] for m in kc["members"]))
    section("Growth: new agreements and cooperations by year and kind", ["year", "kind", "count"],
            [[r["year"], r["kind"], r["count"]] for r in report["growth"]])
    focus = report["focus"]
    if focus is not None:
        if focus["position"] is None:
            out.append("")
            out.append(f"Focus: {focus['name']} ({focus['kind']}) — {focus['note']}")
            return "\n".join(out)
        pos = focus["position"]
        n = pos["n_nodes"]
        actor: dict[str, Any] = dict(focus.get("actor") or {})
        acting = actor.get("id") not in (None, focus["id"])
        as_actor = f" (as {actor['name']}, with the bodies that act for it)" if acting else ""
        section(f"Network position of {focus['name']}{as_actor} in {focus['in']}", ["measure", "value"], [
            ["partners / ties", f"{focus['partners']} / {focus['ties']}"],
            ["rank by ties", f"{pos['rank_degree']} of {n}"],
            ["rank by PageRank", f"{pos['rank_pagerank']} of {n}"],
            ["rank by betweenness", f"{pos['rank_betweenness']} of {n}"],
            ["community", f"#{pos['community'] + 1}, {pos['community_size']} actors"],
            ["broker (articulation point)", "yes" if pos["is_broker"] else "no"],
            ["core number", pos["core_number"]],
        ])
        section(f"Recommended next partners for {focus['name']}", ["#", "candidate", "score", "why"],
                [[i, r["name"], f"{r['score']:.2f}", "; ".join(r["reasons"])]
                 for i, r in enumerate(focus["recommendations"], 1)])
    return "\n".join(out)
