"""What each seed document states, read back through the public API, on both backends.

One test per document in shared/seed-documents/ (curated into seeds/documents/00N-*.yaml): each asserts facts
the document itself states — partners with statuses and dates, network members, funders, figures — through the
named queries (queries/*.cypher), name resolution and the `partners show` profile. Expected rows are looked for
*in* the results, so unrelated additions to the seeds do not break these tests. Then: every node and relation is
cited, every document is cited by many facts, and names in either language reach the same entity.
"""

from __future__ import annotations

from typing import Any

from graph.model import GraphData
from graph.names import NameIndex
from graph.profile import build_profile
from graph.stores import Store
from queries.library import run_named

Row = dict[str, Any]

SRC0 = "src-000-zhytomyr-oblast-office"
SRC1 = "src-001-dolyna"
SRC2 = "src-002-dortmund-zhytomyr"
SRC3 = "src-003-poltava-oblast-council-2024"
SRC4 = "src-004-zhytomyr-city-2025"

# source id: (its file under shared/seed-documents/, at least this many nodes and relations cite it)
DOCUMENTS = {
    SRC0: ("000_a5e0598ee7bd0bea.txt", 50),
    SRC1: ("001_c696cee0ba52593a.txt", 50),
    SRC2: ("002_5f5f8e30065d08c5.txt", 15),
    SRC3: ("003_7d89467613d1969e.txt", 120),
    SRC4: ("004_b4ead400662dca9c.txt", 120),
}


def q(store: Store, query: str, /, **params: str) -> list[Row]:
    """The records of the named query ``query``; entity parameters may be any name, alias or id."""
    return run_named(store, query, params).records()


def find(rows: list[Row], /, *, src: str | None = None, **expected: Any) -> Row:
    """The first row holding every ``expected`` value (and citing ``src``); fails listing the rows otherwise."""
    for row in rows:
        if all(row.get(k) == v for k, v in expected.items()) and (src is None or src in row["sources"]):
            return row
    raise AssertionError(f"no row with {expected}" + (f" citing {src}" if src else "") + " among:\n"
                         + "\n".join(map(str, rows)))


def values(rows: list[Row], column: str, **where: Any) -> set[Any]:
    """The values of ``column`` in the rows that hold every ``where`` value."""
    return {r[column] for r in rows if all(r.get(k) == v for k, v in where.items())}


def props(store: Store, ident: str) -> dict[str, Any]:
    """An entity's own properties, as `partners show` prints them."""
    return build_profile(store, ident).props


def test_000_zhytomyr_oblast_regional_office(loaded_store: Store) -> None:
    s = loaded_store
    # "у 2023 році ... укладено 14 міжрегіональних угод"; "вдалося залучити вже понад 1 мільярд гривень"
    oblast = q(s, "figures-of", name="Житомирщина")
    find(oblast, src=SRC0, metric="interregional-agreements-signed", value=14, unit="count", period="2023")
    find(oblast, src=SRC0, metric="funds-attracted-through-international-programmes", value=1_000_000_000,
         unit="UAH", qualifier="more than")
    # "сформовано портфель із 78 проєктів"; "понад 40 зустрічей"; "за участі 15 міжнародних організацій"
    office = q(s, "figures-of", name="Регіональний офіс міжнародного співробітництва")
    find(office, src=SRC0, metric="recovery-and-development-projects-in-portfolio", value=78, unit="count")
    find(office, metric="meetings-with-partner-countries-and-international-organisations", value=40,
         qualifier="more than", period="2023")
    find(office, metric="international-partner-organisations-in-implemented-projects", value=15, period="2023")
    # the 14 agreements: "з містами Естонії, Італії, Польщі, Німеччини, Молдови, Сполучених Штатів Америки та Литви"
    # — cities, not states: the seven countries are counterpart_countries of the agreement, never its parties
    partners = q(s, "partners-of", name="Zhytomyr Oblast")
    assert not values(partners, "partner", via="agr-zhytomyr-oblast-hromadas-foreign-cities-2023")
    aggregate = props(s, "agr-zhytomyr-oblast-hromadas-foreign-cities-2023")
    assert sorted(aggregate["counterpart_countries"]) == ["de", "ee", "it", "lt", "md", "pl", "us"]
    # Silesia: a Declaration extended the agreement; Banská Bystrica: "планується підписання Угоди"
    ova = q(s, "partners-of", name="Житомирська ОВА")
    find(ova, src=SRC0, partner="pl-silesian-voivodeship", kind="cooperation agreement", status="renewed",
         via="agr-zhytomyr-oblast-silesian-voivodeship-renewed")
    find(ova, partner="pl-silesian-voivodeship", kind="declaration", status="signed")
    # the partner's body counts as its place: the Office of the Banská Bystrica Self-Governing Region signs for it
    find(ova, src=SRC0, partner="sk-banska-bystrica-region", country="Slovakia", kind="cooperation agreement",
         status="planned", date=None, body="Zhytomyr Oblast Military Administration",
         partner_body="Office of the Banská Bystrica Self-Governing Region")
    planned = props(s, "agr-zhytomyr-oblast-banska-bystrica-region-planned")
    assert planned["status"] == "planned" and planned.get("signed") is None  # announced, never signed
    # one actor: the oblast answers with the OVA and its Regional Office — the same rows as the OVA
    assert partners == ova
    # "партнерські стосунки воєводством Сілезія, Куявсько-Поморським та Поморським воєводством"
    assert values(partners, "partner", kind="cooperation", status="active") >= {
        "pl-silesian-voivodeship", "pl-kuyavian-pomeranian-voivodeship", "pl-pomeranian-voivodeship", "org-estdev"}
    # "між Житомирщиною та Естонією", "з партнерами Португальської Республіки": countries as a whole, not partners
    assert values(partners, "partner", kind="cooperation with the country") == {"ee", "pt"}
    assert not values(partners, "partner", kind="cooperation", partner_kind="Country")
    find(q(s, "funders-of", name="Овруч"), src=SRC0, donor="ee")  # the kindergarten "при підтримці ... з Естонії"
    # memorandum between Zhytomyr city council and Construção Pública, signed at the III Recovery Forum
    find(q(s, "partners-of", name="Житомирська міська рада"), src=SRC0, partner="org-construcao-publica",
         kind="memorandum", status="signed")
    find(q(s, "events-with-international-partners", name="Construção Pública"), event="evt-iii-zhytomyr-recovery-forum")
    # aid projects "за участі Дитячого фонду ООН Юнісеф, Програми розвитку ООН, Фандрайзингової платформи Юнайтед 24"
    assert values(q(s, "partners-of", name="Регіональний офіс міжнародного співробітництва"), "partner") >= {
        "org-unicef", "org-undp", "org-united24"}


def test_001_dolyna(loaded_store: Store) -> None:
    s = loaded_store
    partners = q(s, "partners-of", name="Долина")
    # Šiauliai District: cooperation since 2021 in «Мости довіри» (U-LEAD), agreement signed 12 July 2022
    find(partners, src=SRC1, partner="lt-siauliai-district", country="Lithuania", kind="cooperation agreement",
         status="signed", date="2022-07-12", via="agr-dolyna-siauliai-district-2022")
    find(partners, src=SRC1, partner="lt-siauliai-district", kind="cooperation", date="2021",
         via="proj-bridges-of-trust")
    # Büyükçekmece: cooperation since 2021, agreement signed 14 January 2022
    find(partners, src=SRC1, partner="tr-buyukcekmece", country="Türkiye", kind="cooperation agreement",
         status="signed", date="2022-01-14")
    find(partners, partner="tr-buyukcekmece", kind="cooperation", date="2021")
    # Prairie Village: "Договір про співпрацю підписано в 2008 році"
    find(partners, src=SRC1, partner="us-prairie-village", country="United States", kind="cooperation agreement",
         status="signed", date="2008")
    # Guldborgsund since 2021 within the U-LEAD bilateral project; Montigny-le-Bretonneux since 2022
    find(partners, src=SRC1, partner="dk-guldborgsund", country="Denmark", kind="cooperation", status="active",
         date="2021", via="proj-ulead-guldborgsund")
    find(partners, src=SRC1, partner="fr-montigny-le-bretonneux", country="France", kind="cooperation", date="2022")
    ulead = q(s, "projects-by-funder", programme="U-LEAD з Європою")
    assert {"Dolyna", "Šiauliai District"} <= set(find(ulead, project="proj-bridges-of-trust")["participants"])
    assert {"Dolyna", "Guldborgsund"} <= set(find(ulead, project="proj-ulead-guldborgsund")["participants"])
    # Baia Sprie: "за фінансової підтримки ЄС через Спільну операційну програму «Румунія-Україна 2014-2020»"
    find(partners, src=SRC1, partner="ro-baia-sprie", country="Romania", kind="cooperation",
         via="proj-dolyna-baia-sprie-healthcare")
    find(q(s, "funders-of", name="Dolyna"), src=SRC1, donor="org-eu",
         for_what="Cooperation for improving medical services in Dolyna and Baia Sprie")
    jop = q(s, "projects-by-funder", funder="ЄС", programme="Спільна операційна програма «Румунія-Україна 2014-2020»")
    assert {"Dolyna", "Baia Sprie"} <= set(find(jop, project="proj-dolyna-baia-sprie-healthcare")["participants"])
    # Eastern Boikivshchyna: agreement signed 5 February 2022 by seven hromadas
    assert values(partners, "partner", via="agr-eastern-boikivshchyna-hromadas-2022", status="signed",
                  date="2022-02-05") == {"ua-bolekhiv", "ua-broshniv-osada-hromada", "ua-vytvytsia-hromada",
                                         "ua-kalush", "ua-perehinske-hromada", "ua-rozhniativ-hromada"}
    # aid: humanitarian aid from Šiauliai District and Büyükçekmece, radios from Prairie Village
    funders = q(s, "funders-of", name="Dolyna")
    for donor, what in [("lt-siauliai-district", "humanitarian"), ("tr-buyukcekmece", "humanitarian"),
                        ("us-prairie-village", "equipment")]:
        find(funders, src=SRC1, donor=donor, for_what=what)
    # online meetings with Novohrad-Volynskyi hromada (now Zviahel) on twinning cooperation
    find(partners, src=SRC1, partner=NameIndex.from_store(s).resolve("Новоград-Волинський"), kind="cooperation")


def test_002_dortmund_zhytomyr(loaded_store: Store) -> None:
    s = loaded_store
    # "Планується, що 9 лютого 2023 року мери Дортмунда та Житомира підпишуть угоду" — planned, not signed
    partners = q(s, "partners-of", name="Дортмунд")
    find(partners, src=SRC2, partner="ua-zhytomyr", kind="solidarity partnership", status="planned",
         date="2023-02-09", via="agr-dortmund-zhytomyr-planned")
    find(partners, src=SRC2, partner="ua-zhytomyr", kind="cooperation", status="planned", date="2023")
    agreement = props(s, "agr-dortmund-zhytomyr-planned")
    assert agreement["status"] == "planned" and agreement["expected"] == "2023-02-09"
    assert agreement.get("signed") is None
    # "обміни з питань цифровізації, міського планування ..., сприяння бізнесу та інновацій, ... проектів мобільності"
    assert set(agreement["areas"]) >= {"digitalisation", "urban planning", "business", "innovation", "mobility",
                                       "culture", "health"}
    find(q(s, "since", date="2023-02-09"), src=SRC2, what="Event", id="evt-2023-dortmund-zhytomyr-agreement-signing",
         status="planned")
    # coordinated by the Dortmund Office for International Relations
    find(q(s, "around", name="Управління міжнародних відносин міста Дортмунд"), id="agr-dortmund-zhytomyr-planned",
         relation="MANAGES")
    # "муніципальної допомоги у травні, червні та листопаді 2022 року містам Вінниці та Миколаєву"
    for city in ("Вінниця", "Миколаїв"):
        find(q(s, "funders-of", name=city), src=SRC2, donor="de-dortmund")
    aid = s.query("MATCH (:Entity {id: $id})-[r:SUPPORTS]->(t:Entity) RETURN t.id AS city, r.date AS date",
                  {"id": "de-dortmund"}).records()
    assert values(aid, "city", date="2022") >= {"ua-vinnytsia", "ua-mykolaiv"}


POLTAVA_MEMORANDA = {  # "Діючі Меморандуми": partner -> year listed
    "org-lucc": "2023", "org-accio": "2024", "org-innovative-social-solutions": "2023",
    "org-save-the-dnipro": "2023", "org-civil-society-development-forum": "2023", "ua-hradyzk-hromada": "2023",
    "ua-zinkiv": "2023", "ua-reshetylivka": "2023", "org-children-of-heroes-foundation": "2023",
    "org-insha-zhinka": "2024", "org-council-of-azerbaijanis-of-ukraine-poltava-oblast": "2024",
    "org-restart-ukraine": "2024", "org-premier-expo": "2024",
}


def test_003_poltava_oblast_council_2024(loaded_store: Store) -> None:
    s = loaded_store
    council = "Полтавська обласна рада"
    # "з 2023 р. є членом міжнародних організацій: ALDA, AER, LUCC"
    memberships = q(s, "memberships-of", name=council)
    for network, acronym in [("org-alda", "ALDA"), ("org-aer", "AER"), ("org-lucc", "LUCC")]:
        find(memberships, src=SRC3, network=network, relation="MEMBER_OF", since="2023")
        find(q(s, "network-members", network=acronym), src=SRC3, member="org-poltava-oblast-council", since="2023")
    # "Досягнення 2024": 10 memoranda, 14 events, 47 million UAH, 2 exhibitions, 8 grant applications
    figures = q(s, "figures-of", name=council)
    for metric, value, unit in [("memoranda", 10, "count"), ("events-with-international-partners", 14, "count"),
                                ("funds-attracted-from-international-partners", 47_000_000, "UAH"),
                                ("international-exhibitions", 2, "count"), ("grant-applications", 8, "count")]:
        find(figures, src=SRC3, metric=metric, value=value, unit=unit, period="2024")
    # the memoranda in force, with their year
    partners = q(s, "partners-of", name=council)
    for partner, year in POLTAVA_MEMORANDA.items():
        find(partners, src=SRC3, partner=partner, kind="memorandum", status="in force", date=year)
    assert len(values(partners, "via", kind="memorandum", status="in force")) >= 10
    # funders of its projects: EU and IRF (IDP integration), IRF (digital participation), French ministry
    # (amputee care), Polish Aid (the Jagiellonian Foundation application)
    funders = q(s, "funders-of", name=council)
    assert values(funders, "donor") >= {"org-eu", "org-irf", "org-fr-ministry-of-economy-and-finance",
                                        "prog-polish-aid"}
    find(funders, src=SRC3, donor="org-fr-ministry-of-economy-and-finance",
         for_what="Improving care for people with amputated limbs in Ukraine")
    # winning applications: Interreg Europe (climate adaptation), EU4Recovery (UNDP, EU-funded)
    find(q(s, "projects-by-funder", programme="Interreg Europe"),
         project="proj-interreg-europe-regional-policy-climate-adaptation", status="approved")
    eu4r = find(q(s, "projects-by-funder", programme="EU4Recovery"),
                project="proj-poltava-eu4recovery-application-2024", status="approved")
    assert "European Union" in eu4r["funders"]
    # international events: EIB in Luxembourg on 12 November 2024; teachers' camp in Łańcut from 6 July 2024
    events = q(s, "events-with-international-partners", name=council)
    find(events, event="evt-2024-meeting-eib-luxembourg", date="2024-11-12", place="Luxembourg")
    find(events, event="evt-2024-polish-teachers-camp-lancut", date="2024-07-06", place="Łańcut")


def test_004_zhytomyr_city_2025(loaded_store: Store) -> None:
    s = loaded_store
    partners = q(s, "partners-of", name="Житомир")
    # Kassel: solidarity partnership signed 15 May (2025) in Brussels; "До 2027 року ... угоду про побратимство"
    find(partners, src=SRC4, partner="de-kassel", country="Germany", kind="solidarity partnership", status="signed",
         date="2025-05-15", via="agr-zhytomyr-kassel-2025")
    find(partners, src=SRC4, partner="de-kassel", kind="twinning", status="planned", date="2027")
    find(q(s, "events-with-international-partners", name="Кассель"),
         event="evt-2025-cor-brussels-solidarity-partnership-signing", date="2025-05-15", place="Brussels")
    # URBACT IV: Entrepreneurship+ Academy, led by Albergaria-a-Velha, 1 November 2025 – 30 April 2028
    memberships = q(s, "memberships-of", name="Zhytomyr")
    find(memberships, src=SRC4, network="prog-urbact-iv", relation="PARTICIPATES_IN")
    network = q(s, "network-members", network="Entrepreneurship+ Academy")
    find(network, src=SRC4, member="pt-albergaria-a-velha", role="lead")
    assert values(network, "member", role="partner") >= {"ua-zhytomyr", "ba-bijeljina", "it-ferrara", "fi-iisalmi",
                                                          "pl-lublin", "se-skane-county", "cz-zdar-nad-sazavou"}
    academy = props(s, "proj-entrepreneurship-plus-academy")
    assert (academy["start"], academy["end"]) == ("2025-11-01", "2028-04-30")
    find(q(s, "projects-by-funder", programme="URBACT IV"), project="proj-entrepreneurship-plus-academy")
    # M4EG: "долучився до ... програми «Економіка, орієнтована на досягнення місій» ... (Фаза III)"
    find(memberships, src=SRC4, network="prog-m4eg")
    find(q(s, "network-members", network="M4EG"), src=SRC4, member="ua-zhytomyr")
    # donors: GIZ (Preschool No. 15 heat pump, Hospital No. 2 solar), KfW, World Bank (UIP-2), EU (IDP housing)
    donors = {r["donor"] for r in q(s, "funders-of", name="Zhytomyr") if SRC4 in r["sources"]}
    assert donors >= {"org-giz", "org-kfw", "org-world-bank", "org-eu"}
    giz = q(s, "projects-by-funder", funder="GIZ")
    find(giz, project="proj-zhytomyr-kindergarten-15-heat-pump", status="completed")
    find(giz, project="proj-zhytomyr-hospital-2-solar-plants", status="completed")
    find(q(s, "projects-by-funder", funder="KfW"), project="proj-kfw-energy-efficiency-in-communities")
    # «Пліч-о-пліч»: partner community of the outpost communities Mykolaiv and Mena; generators for Mena
    for place in ("ua-mykolaiv", "ua-mena"):
        find(partners, src=SRC4, partner=place, kind="cooperation", via="proj-plich-o-plich")
    find(q(s, "funders-of", name="Менська громада"), src=SRC4, donor="ua-zhytomyr", for_what="equipment")
    find(q(s, "since", date="2025-10"), what="Event", id="evt-2025-mykolaiv-delegation-study-visit-zhytomyr",
         date="2025-10-20", status="held")


def _cited_items(store: Store) -> list[Row]:
    nodes = store.query("MATCH (n:Entity) RETURN n.id AS id, n.source_ids AS sources, n.quotes AS quotes")
    edges = store.query("MATCH ()-[r]->() RETURN r.id AS id, r.source_ids AS sources, r.quotes AS quotes")
    return nodes.records() + edges.records()


def test_every_node_and_relation_has_a_source_and_a_quote(loaded_store: Store, seed_graph: GraphData) -> None:
    items = _cited_items(loaded_store)
    assert len(items) == len(seed_graph.nodes) + len(seed_graph.edges)
    sources = {r["id"] for r in loaded_store.query("MATCH (n:Source) RETURN n.id AS id").records()}
    bad = [r["id"] for r in items
           if not r["sources"] or not r["quotes"] or len(r["sources"]) != len(r["quotes"])
           or not set(r["sources"]) <= sources or not all(str(quote).strip() for quote in r["quotes"])]
    assert bad == []


def test_every_document_is_cited_by_its_facts(loaded_store: Store) -> None:
    items = _cited_items(loaded_store)
    sources = loaded_store.query("MATCH (n:Source) RETURN n.id AS id").records()
    for source in values(sources, "id"):
        assert any(source in r["sources"] for r in items if r["id"] != source), f"{source} is cited by nothing"
    for source, (file, at_least) in DOCUMENTS.items():
        assert props(loaded_store, source)["file"] == file
        cited = sum(source in r["sources"] for r in items if r["id"] != source)
        assert cited >= at_least, f"{source} ({file}) is cited by only {cited} nodes and relations"


def test_names_in_either_language_reach_the_same_entity(loaded_store: Store) -> None:
    index = NameIndex.from_store(loaded_store)
    names = ("Житомир", "zhytomyr", "ua-zhytomyr")
    assert {index.resolve(n) for n in names} == {"ua-zhytomyr"}
    shown = [build_profile(loaded_store, index.resolve(n)) for n in names]  # what `partners show NAME` prints
    assert (shown[0].props["kind"], shown[0].props["name_uk"], shown[0].props["name_en"]) == ("City", "Житомир",
                                                                                             "Zhytomyr")
    assert "Zhytomyr Oblast" in shown[0].located_in
    find(shown[0].sections["Partners"].records(), partner="de-kassel", kind="solidarity partnership")
    for other in shown[1:]:
        assert (other.id, other.props, other.located_in) == (shown[0].id, shown[0].props, shown[0].located_in)
        assert {t: r.rows for t, r in other.sections.items()} == {t: r.rows for t, r in shown[0].sections.items()}
    uk, en = (run_named(loaded_store, "partners-of", {"name": n}) for n in ("Долина", "Dolyna"))
    assert uk.rows and uk.columns == en.columns and uk.rows == en.rows
    find(uk.records(), partner="lt-siauliai-district", date="2022-07-12")


def test_seed_audit_findings_stay_fixed(loaded_store: Store) -> None:
    """Pins the fixes of reviews/seed-audit.md section 2 (A-2, A-3, A-4, B-5, B-6) on both stores."""
    s = loaded_store
    # B-5/B-6: reporting to the ministry and submissions to the oblast department are not partnerships
    zhytomyr_partners = values(q(s, "partners-of", name="Zhytomyr"), "partner")
    assert "org-ministry-of-development-of-communities-and-territories" not in zhytomyr_partners
    assert "org-zhytomyr-oma-agro-industrial-economic-policy-department" not in zhytomyr_partners
    # A-4: «Підготовка заявки» is planned, as 001 records the same case
    assert props(s, "proj-zhytomyr-childrens-ward-laundry-solar-application")["status"] == "planned"
    # A-2: «за підтримки» Jagiellonian Foundation is support, never participation
    roles = s.query("MATCH (:Entity {id: $id})-[r:PARTICIPATES_IN]->(e:Entity) RETURN e.id AS event, r.role AS role",
                    {"id": "org-jagiellonian-foundation"}).records()
    by_event = {r["event"]: r["role"] for r in roles}
    assert by_event.get("evt-2024-polish-teachers-camp-lancut") == "supporter"
    assert by_event.get("evt-2024-polish-teachers-round-table") == "supporter"
    assert "participant" not in by_event.values()
    # A-3: the Covenant of Mayors initiative is not the EU-funded CoM–East project
    assert NameIndex.from_store(s).resolve("Угода мерів") == "prog-covenant-of-mayors"
    funders = s.query("MATCH (f:Entity)-[:FUNDS]->(:Entity {id: $id}) RETURN f.id AS funder",
                      {"id": "evt-2025-european-mobility-week-zhytomyr"}).records()
    assert [r["funder"] for r in funders] == ["prog-covenant-of-mayors"]


def test_inferred_years_and_stand_ins_are_marked_uncertain(loaded_store: Store) -> None:
    """Seed audit 2.D-11, 2.D-14, 2.B-7, 2.B-9: «поточного року» years, unnamed Estonian partners, the ЄЕВ reading."""
    rows = loaded_store.query(
        "MATCH (a:Entity)-[r:SUPPORTS|PARTICIPATES_IN]->(b:Entity) WHERE b.id IN $ids "
        "RETURN a.id AS src, type(r) AS rel, b.id AS dst, r.uncertain AS uncertain",
        {"ids": ["ua-dolyna", "ua-ovruch", "prog-european-energy-award",
                 "evt-2025-hoa-energy-efficiency-workshop"]}).records()
    flagged = {(r["src"], r["rel"], r["dst"]) for r in rows if r["uncertain"]}
    assert {("lt-siauliai-district", "SUPPORTS", "ua-dolyna"), ("tr-buyukcekmece", "SUPPORTS", "ua-dolyna"),
            ("ee", "SUPPORTS", "ua-ovruch"), ("ua-zhytomyr", "PARTICIPATES_IN", "prog-european-energy-award"),
            ("org-decarbonisation-fund", "PARTICIPATES_IN", "evt-2025-hoa-energy-efficiency-workshop")} <= flagged
    workshop = [r for r in rows if r["dst"] == "evt-2025-hoa-energy-efficiency-workshop"]
    assert len(workshop) == 3 and all(r["uncertain"] for r in workshop)  # 2.B-7: inferred from the stated aim
    assert all(r["uncertain"] for r in rows if r["rel"] == "SUPPORTS" and r["dst"] == "ua-dolyna"
               and r["src"] in {"lt-siauliai-district", "tr-buyukcekmece"})


def test_no_country_is_party_to_an_agreement_it_did_not_sign(loaded_store: Store) -> None:
    """No seed document reports a state signing a partnership agreement, so no Country is PARTY_TO any Agreement."""
    rows = loaded_store.query("MATCH (c:Country)-[:PARTY_TO]->(a:Agreement) RETURN c.id AS country, a.id AS agreement")
    assert rows.records() == []
