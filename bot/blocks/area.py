"""Block Kit messages built from domain objects: pure functions, no database, no Slack calls.

Every piece of text that came from a file or a person (area names, the query echoed back) goes
through escape_mrkdwn before it reaches a mrkdwn field.
"""

from __future__ import annotations

from urllib.parse import quote

from bot.blocks import area_glance as glance
from bot.blocks.kit import actions, button, context, header, join_words, message, section
from bot.blocks.mrkdwn import escape_mrkdwn, plain_quote
from engagement import figures
from engagement.areas.glance import headline_sentence, headline_table
from engagement.model import AreaLookup, AreaProfile, AreaSummary, DomainMeasures

CHOOSE_ACTION_PREFIX = "area_choose_"
OPEN_WEB_ACTION_ID = "area_open_web"
SHORT_KINDS = {
    "lsoa": "LSOA",
    "msoa": "MSOA",
    "ward": "ward",
    "lad": "local authority",
    "england": "country",
    "custom": "target area",
}
_ROWS = (
    ("Average rank", "avg_rank"),
    ("LSOAs in most deprived 10%", "lsoa_share_10"),
    ("People in most deprived 10%", "pop_share_10"),
    ("LSOAs in most deprived 20%", "lsoa_share_20"),
    ("People in most deprived 20%", "pop_share_20"),
    ("Extent", "extent"),
)
_COLUMN_LIMIT = 12
SAMPLE_WARNING = ":warning: *Sample data — not official figures.*"
SAMPLE_TEXT = " Sample data — not official figures."
MORE_FIGURES_ACTION_ID = "area_more_figures"


def apology_message() -> dict:
    """Return the reply to a command that failed inside the app."""
    text = "Sorry, Fairer Places could not answer that just now. Please try again in a minute."
    return message(text, [section(text)])


# --- /area ----------------------------------------------------------------------------------


def area_reply(
    lookup: AreaLookup,
    *,
    public_base_url: str,
    has_map: bool = False,
    edition_year: int | None = None,
) -> dict:
    """Return the message answering `/area <query>` for every lookup status (has_map: the found
    area's boundaries are loaded, so its map can be shown; edition_year: the edition asked for
    when it is not the latest, kept in the links to the page and pictures)."""
    if lookup.status == "found" and lookup.profile is not None:
        return profile_message(
            lookup.profile,
            public_base_url=public_base_url,
            has_map=has_map,
            edition_year=edition_year,
        )
    if lookup.status == "choose":
        return choose_message(
            lookup.query,
            lookup.choices,
            total=lookup.total,
            public_base_url=public_base_url,
            edition_year=edition_year,
        )
    if lookup.status == "not_found":
        return not_found_message(lookup.query, lookup.suggestions, edition_year=edition_year)
    if lookup.status == "no_data":
        return no_data_message()
    return usage_message(lookup.examples)


def chosen_area_reply(
    code: str, profile: AreaProfile | None, *, public_base_url: str, has_map: bool = False
) -> dict:
    """Return the message replacing a choice once an area's button is clicked (its profile, if it
    still exists)."""
    if profile is None:
        return area_gone_message(code)
    return profile_message(profile, public_base_url=public_base_url, has_map=has_map)


def area_label(area: AreaSummary) -> str:
    """Return how a choice reads on a button:
    "Mile Cross — Electoral ward, Norwich" (plain text)."""
    where = (
        f"{area.kind_label}, {area.lad_name}"
        if area.lad_name and area.lad_name != area.name
        else area.kind_label
    )
    return f"{area.name} — {where}"


def area_url(public_base_url: str, code: str, edition_year: int | None = None) -> str:
    """Return the web page of an area: {PUBLIC_BASE_URL}/areas/<code>, with ?edition=<year> when
    an edition other than the latest is asked for."""
    url = f"{public_base_url.rstrip('/')}/areas/{quote(code, safe='')}"
    return f"{url}?edition={edition_year}" if edition_year else url


def profile_message(
    profile: AreaProfile,
    *,
    public_base_url: str,
    has_map: bool = False,
    edition_year: int | None = None,
) -> dict:
    """Return an area's profile at a glance: the headline sentence, one table of average ranks
    beside its comparators, the chart (and map when has_map) or a link to them, and a "More
    figures" button that opens the full breakdown privately. edition_year: the edition shown,
    when not the latest, kept in the links."""
    area = profile.area
    page_url = area_url(public_base_url, area.code, edition_year)
    blocks = [header(area.name), context(*_facts(profile))]
    if profile.edition.is_sample:
        blocks.append(context(SAMPLE_WARNING))
    blocks.append(glance.sentence_block(profile))
    table = headline_table(profile)
    notes = [_rank_note(profile)]
    if profile.measures:
        headings, key = glance.column_headings(table)
        blocks.append(glance.table_block(table, headings))
        notes = [*([key] if key else []), *notes]
        blocks.append(context(*notes))
        blocks += glance.picture_blocks(
            profile,
            public_base_url=public_base_url,
            page_url=page_url,
            has_map=has_map,
            edition_year=edition_year,
        )
    # The actions block is where other replies add their buttons (action counts, sharing).
    blocks.append(
        actions(
            button(
                "More figures",
                MORE_FIGURES_ACTION_ID,
                value=button_value(area.code, edition_year),
            ),
            button("Open on the web", OPEN_WEB_ACTION_ID, url=page_url),
        )
    )
    blocks.append(context(f"Source: {escape_mrkdwn(profile.edition.source)}"))
    text = profile_text(profile)
    if profile.measures:
        text = _with_table(text, escape_mrkdwn(glance.table_text(table)))
    return message(text, blocks)


def full_breakdown_message(profile: AreaProfile) -> dict:
    """Return every figure of an area's profile, privately: per domain a small table of average
    rank, shares of LSOAs and people in the most deprived 10% and 20%, and extent, for the area,
    its local authority and England."""
    area = profile.area
    text = f"All figures for {escape_mrkdwn(area.name)}"
    blocks = [header(f"{area.name}: all figures"), context(*_facts(profile))]
    if profile.edition.is_sample:
        blocks.append(context(SAMPLE_WARNING))
    headings = _column_headings(profile)
    key = _column_key(profile, headings)
    if key and profile.measures:
        blocks.append(context(key))
    for measures in profile.measures:
        blocks.append(section(_domain_text(profile, measures, headings)))
    if not profile.measures:
        blocks.append(section("No deprivation measures are recorded for this area."))
    notes = [
        _rank_note(profile) + " Extent: share of people in the most deprived 30%, counting the "
        "most deprived 10% in full and tapering to none at 30%.",
        f"Source: {escape_mrkdwn(profile.edition.source)}",
    ]
    blocks.append(context(*notes))
    return message(text, blocks)


def profile_text(profile: AreaProfile) -> str:
    """Return the notification text of a profile: "Heartsease & Pilling Park (MSOA, Norwich): "
    and the headline sentence (escaped), with the sample-data warning when it applies."""
    area = profile.area
    where = ", ".join(p for p in (SHORT_KINDS.get(area.kind, area.kind), area.lad_name) if p)
    text = f"{escape_mrkdwn(area.name)} ({escape_mrkdwn(where)}): "
    text += escape_mrkdwn(headline_sentence(profile))
    if profile.edition.is_sample:
        text += SAMPLE_TEXT
    return text


def choose_message(
    query: str,
    choices: tuple[AreaSummary, ...],
    *,
    total: int = 0,
    public_base_url: str | None = None,
    edition_year: int | None = None,
) -> dict:
    """Return "Several areas match “query”. Which one?" with a button per choice (each keeping
    edition_year, the edition asked for); when more matched than are shown, "19 areas match
    “query”; here are the 5 closest." and a link to the web search listing them."""
    shown = min(len(choices), 25)
    if total <= shown:
        text = f"Several areas match {plain_quote(query)}. Which one?"
        return message(text, [section(text), _choice_buttons(choices, edition_year)])
    text = (
        f"{figures.count(total)} areas match {plain_quote(query)}; "
        f"here are the {figures.count(shown)} closest."
    )
    blocks = [section(text), _choice_buttons(choices, edition_year)]
    if public_base_url:
        url = area_search_url(public_base_url, query)
        blocks.append(context(f"<{url}|See all {figures.count(total)} on the web>"))
    return message(text, blocks)


def area_search_url(public_base_url: str, query: str) -> str:
    """Return the web search for query: {PUBLIC_BASE_URL}/areas?q=<query>."""
    return f"{public_base_url.rstrip('/')}/areas?q={quote(query, safe='')}"


def not_found_message(
    query: str, suggestions: tuple[AreaSummary, ...], *, edition_year: int | None = None
) -> dict:
    """Return "No area matches “query”.", with "Did you mean …?" and buttons (keeping
    edition_year, the edition asked for) when there are near misses."""
    text = f"No area matches {plain_quote(query)}."
    if suggestions:
        text += f" Did you mean {join_words([f'*{escape_mrkdwn(s.name)}*' for s in suggestions])}?"
    blocks = [section(text)]
    if suggestions:
        blocks.append(_choice_buttons(suggestions, edition_year))
    blocks.append(
        context("Try a neighbourhood, ward or council name, or a code such as `E02005778`.")
    )
    return message(text, blocks)


def usage_message(examples: tuple[str, ...] = ()) -> dict:
    """Return how to use /area, for an empty query, with examples from the loaded areas."""
    text = "Tell me which area: a neighbourhood, ward or council name, or an official code."
    if not examples:
        return message(text, [section(text)])
    lines = "\n".join(f"`/area {escape_mrkdwn(e).replace('`', '')}`" for e in examples)
    return message(text, [section(f"{text}\nFor example:\n{lines}")])


def no_data_message() -> dict:
    """Return the reply when no deprivation data has been imported yet."""
    text = "No deprivation data is loaded yet."
    detail = (
        "An administrator can import the official English Indices of Deprivation with "
        "`fairer import-iod`, or load the sample borough for a demo with `make demo`."
    )
    return message(text, [section(f"{text} {detail}")])


def area_gone_message(code: str) -> dict:
    """Return the reply when a chosen area is no longer in the data (it was re-imported
    meanwhile)."""
    text = f"The area {escape_mrkdwn(code)} is no longer in the data. Try `/area` again."
    return message(text, [section(text)])


# --- parts of a profile ---------------------------------------------------------------------


def _rank_note(profile: AreaProfile) -> str:
    total = figures.count(profile.edition.lsoa_total)
    return (
        f"Average rank: population-weighted, where 1 is the most deprived of England's {total} "
        "neighbourhoods (LSOAs)."
    )


def _with_table(text: str, table: str) -> str:
    """Return the notification text with the table's figures before any sample warning."""
    if text.endswith(SAMPLE_TEXT):
        return f"{text.removesuffix(SAMPLE_TEXT)} {table}{SAMPLE_TEXT}"
    return f"{text} {table}"


def _facts(profile: AreaProfile) -> list[str]:
    area = profile.area
    facts = [escape_mrkdwn(area.kind_label)]
    if area.lad_name and area.lad_name != area.name:
        facts.append(escape_mrkdwn(area.lad_name))
    facts.append(f"population {figures.count(profile.population)}")
    plural = "" if profile.lsoa_count == 1 else "s"
    facts.append(f"{figures.count(profile.lsoa_count)} LSOA{plural}")
    if profile.alt_name and profile.alt_name != area.name:
        facts.append(escape_mrkdwn(profile.alt_name))
    facts.append(f"`{escape_mrkdwn(area.code)}`")
    return [" · ".join(facts)]


def _column_headings(profile: AreaProfile) -> list[str]:
    """Return the table's column headings: "Area" and the comparators' names when every name fits
    in _COLUMN_LIMIT, else the letters A, B, C… which _column_key spells out in full."""
    names = [c.area.name for c in profile.comparators]
    if all(len(name) <= _COLUMN_LIMIT for name in names):
        # Backticks would end the code block early.
        return ["Area", *(name.replace("`", "'") for name in names)]
    return [chr(ord("A") + i) for i in range(len(names) + 1)]


def _column_key(profile: AreaProfile, headings: list[str]) -> str | None:
    """Return "A: Heartsease & Pilling Park · B: Nuneaton and Bedworth · C: England" when the
    columns are lettered, else None: a name is never cut short, so no two columns read alike."""
    if headings[0] == "Area":
        return None
    names = [profile.area.name, *(c.area.name for c in profile.comparators)]
    pairs = zip(headings, names, strict=True)
    return "Columns: " + " · ".join(f"*{h}*: {escape_mrkdwn(n)}" for h, n in pairs)


def _cell(measures: DomainMeasures, attr: str) -> str:
    value = getattr(measures, attr)
    return figures.rank(value) if attr == "avg_rank" else figures.percent(value)


def _domain_text(profile: AreaProfile, measures: DomainMeasures, headings: list[str]) -> str:
    """Return one domain as a bold heading over a small table: the area, its council, England."""
    columns = [(headings[0], measures)]
    for heading, comparator in zip(headings[1:], profile.comparators, strict=True):
        other = next((m for m in comparator.measures if m.key == measures.key), None)
        if other is not None:
            columns.append((heading, other))
    cells = [[_cell(m, attr) for _name, m in columns] for _label, attr in _ROWS]
    label_width = max(len(label) for label, _attr in _ROWS)
    widths = [
        max(len(name), *(len(row[i]) for row in cells)) for i, (name, _m) in enumerate(columns)
    ]
    lines = [
        " " * label_width
        + "".join(f"  {name:>{w}}" for (name, _m), w in zip(columns, widths, strict=True))
    ]
    for (label, _attr), row in zip(_ROWS, cells, strict=True):
        lines.append(
            f"{label:<{label_width}}"
            + "".join(f"  {value:>{w}}" for value, w in zip(row, widths, strict=True))
        )
    # Pad first, escape after: entities are longer than the characters they stand for.
    table = escape_mrkdwn("\n".join(lines))
    return f"*{escape_mrkdwn(measures.label)}*\n```\n{table}\n```"


def button_value(code: str, edition_year: int | None = None) -> str:
    """Return what an area's button carries: its code, and the edition year when one other than
    the latest is shown ("E02005587 2019"; the handlers split it with split_edition_word)."""
    return f"{code} {edition_year}" if edition_year else code


def _choice_buttons(choices: tuple[AreaSummary, ...], edition_year: int | None = None) -> dict:
    return actions(
        *(
            button(
                area_label(choice),
                f"{CHOOSE_ACTION_PREFIX}{i}",
                value=button_value(choice.code, edition_year),
            )
            for i, choice in enumerate(choices[:25])
        )
    )
