"""Block Kit messages built from domain objects: pure functions, no database, no Slack calls.

Every piece of text that came from a file or a person (area names, the query echoed back) goes
through escape_mrkdwn before it reaches a mrkdwn field.
"""
from __future__ import annotations

from urllib.parse import quote

from bot.blocks.formatting import format_count, format_rank, format_share, join_words, truncate
from bot.blocks.mrkdwn import escape_mrkdwn, plain_quote
from engagement.model import AreaLookup, AreaProfile, AreaSummary, DomainMeasures

# Slack's limits for the elements used here.
HEADER_LIMIT = 150
BUTTON_TEXT_LIMIT = 75
SECTION_TEXT_LIMIT = 3000

CHOOSE_ACTION_PREFIX = "area_choose_"
OPEN_WEB_ACTION_ID = "area_open_web"
SHORT_KINDS = {"lsoa": "LSOA", "msoa": "MSOA", "ward": "ward", "lad": "local authority",
               "england": "country", "custom": "council area"}
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


# --- Block Kit elements -------------------------------------------------------------------

def header(text: str) -> dict:
    """Return a header block (plain text, cut to Slack's 150 characters)."""
    return {"type": "header", "text": {"type": "plain_text", "text": truncate(text, HEADER_LIMIT)}}


def section(mrkdwn: str) -> dict:
    """Return a section block of mrkdwn text (already escaped by the caller)."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": truncate(mrkdwn, SECTION_TEXT_LIMIT)}}


def context(*mrkdwn: str) -> dict:
    """Return a context block with one mrkdwn element per argument."""
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": t} for t in mrkdwn[:10]]}


def button(text: str, action_id: str, *, value: str | None = None, url: str | None = None) -> dict:
    """Return a button element; text is plain text, cut to Slack's 75 characters."""
    element = {"type": "button", "text": {"type": "plain_text", "text": truncate(text, BUTTON_TEXT_LIMIT)},
               "action_id": action_id}
    if value is not None:
        element["value"] = value
    if url is not None:
        element["url"] = url
    return element


def actions(*elements: dict) -> dict:
    """Return an actions block holding the given buttons."""
    return {"type": "actions", "elements": list(elements)}


def message(text: str, blocks: list[dict]) -> dict:
    """Return an ephemeral message body: {"response_type", "text", "blocks"}."""
    return {"response_type": "ephemeral", "text": text, "blocks": blocks}


def apology_message() -> dict:
    """Return the reply to a command that failed inside the app."""
    text = "Sorry, Fairer Places could not answer that just now. Please try again in a minute."
    return message(text, [section(text)])


# --- /area ----------------------------------------------------------------------------------

def area_reply(lookup: AreaLookup, *, public_base_url: str) -> dict:
    """Return the message answering `/area <query>` for every lookup status."""
    if lookup.status == "found" and lookup.profile is not None:
        return profile_message(lookup.profile, public_base_url=public_base_url)
    if lookup.status == "choose":
        return choose_message(lookup.query, lookup.choices)
    if lookup.status == "not_found":
        return not_found_message(lookup.query, lookup.suggestions)
    if lookup.status == "no_data":
        return no_data_message()
    return usage_message()


def chosen_area_reply(code: str, profile: AreaProfile | None, *, public_base_url: str) -> dict:
    """Return the message replacing a choice once an area's button is clicked (its profile, if it still exists)."""
    if profile is None:
        return area_gone_message(code)
    return profile_message(profile, public_base_url=public_base_url)


def area_label(area: AreaSummary) -> str:
    """Return how a choice reads on a button: "Mile Cross — Electoral ward, Norwich" (plain text)."""
    where = f"{area.kind_label}, {area.lad_name}" if area.lad_name and area.lad_name != area.name else area.kind_label
    return f"{area.name} — {where}"


def area_url(public_base_url: str, code: str) -> str:
    """Return the web page of an area: {PUBLIC_BASE_URL}/areas/<code>."""
    return f"{public_base_url.rstrip('/')}/areas/{quote(code, safe='')}"


def profile_message(profile: AreaProfile, *, public_base_url: str) -> dict:
    """Return an area's deprivation profile beside its local authority and England."""
    area = profile.area
    total = format_count(profile.edition.lsoa_total)
    blocks = [header(area.name), context(*_facts(profile))]
    if profile.edition.is_sample:
        blocks.append(context(SAMPLE_WARNING))
    blocks.append(section(_headline(profile)))
    for measures in profile.measures:
        blocks.append(section(_domain_text(profile, measures)))
    blocks.append(actions(button("Open on the web", OPEN_WEB_ACTION_ID, url=area_url(public_base_url, area.code))))
    notes = [
        f"Average rank: population-weighted, where 1 is the most deprived of England's {total} "
        "neighbourhoods (LSOAs). Extent: share of people in the most deprived 30%, counting the "
        "most deprived 10% in full and tapering to none at 30%.",
        f"Source: {escape_mrkdwn(profile.edition.source)}",
    ]
    blocks.append(context(*notes))
    return message(profile_text(profile), blocks)


def profile_text(profile: AreaProfile) -> str:
    """Return the one-line notification text of a profile: "Heartsease & Pilling Park (MSOA, Norwich): IMD avg rank …"."""
    area = profile.area
    where = ", ".join(p for p in (SHORT_KINDS.get(area.kind, area.kind), area.lad_name) if p)
    text = f"{escape_mrkdwn(area.name)} ({escape_mrkdwn(where)})"
    imd = _imd(profile)
    if imd is not None:
        text += (f": IMD avg rank {format_rank(imd.avg_rank)} of {format_count(profile.edition.lsoa_total)}; "
                 f"{format_share(imd.pop_share_10)} of people in England's most deprived 10% of neighbourhoods.")
    if profile.edition.is_sample:
        text += " Sample data — not official figures."
    return text


def choose_message(query: str, choices: tuple[AreaSummary, ...]) -> dict:
    """Return "Several areas match “query”. Which one?" with a button per choice."""
    text = f"Several areas match {plain_quote(query)}. Which one?"
    return message(text, [section(text), _choice_buttons(choices)])


def not_found_message(query: str, suggestions: tuple[AreaSummary, ...]) -> dict:
    """Return "No area matches “query”.", with "Did you mean …?" and buttons when there are near misses."""
    text = f"No area matches {plain_quote(query)}."
    if suggestions:
        text += f" Did you mean {join_words([f'*{escape_mrkdwn(s.name)}*' for s in suggestions])}?"
    blocks = [section(text)]
    if suggestions:
        blocks.append(_choice_buttons(suggestions))
    blocks.append(context("Try a neighbourhood, ward or council name, or a code such as `E02005778`."))
    return message(text, blocks)


def usage_message() -> dict:
    """Return how to use /area, for an empty query."""
    text = "Tell me which area: a neighbourhood, ward or council name, or an official code."
    examples = "For example:\n`/area heartsease`\n`/area E02005778`\n`/area Mile Cross`"
    return message(text, [section(f"{text}\n{examples}")])


def no_data_message() -> dict:
    """Return the reply when no deprivation data has been imported yet."""
    text = "No deprivation data is loaded yet."
    detail = ("An administrator can import the official English Indices of Deprivation with "
              "`fairer import-iod`, or load the sample borough for a demo with `make demo`.")
    return message(text, [section(f"{text} {detail}")])


def area_gone_message(code: str) -> dict:
    """Return the reply when a chosen area is no longer in the data (it was re-imported meanwhile)."""
    text = f"The area {escape_mrkdwn(code)} is no longer in the data. Try `/area` again."
    return message(text, [section(text)])


# --- parts of a profile ---------------------------------------------------------------------

def _imd(profile: AreaProfile) -> DomainMeasures | None:
    return next((m for m in profile.measures if m.key == "imd"), None)


def _facts(profile: AreaProfile) -> list[str]:
    area = profile.area
    facts = [escape_mrkdwn(area.kind_label)]
    if area.lad_name and area.lad_name != area.name:
        facts.append(escape_mrkdwn(area.lad_name))
    facts.append(f"population {format_count(profile.population)}")
    facts.append(f"{format_count(profile.lsoa_count)} LSOA{'' if profile.lsoa_count == 1 else 's'}")
    if profile.alt_name and profile.alt_name != area.name:
        facts.append(escape_mrkdwn(profile.alt_name))
    facts.append(f"`{escape_mrkdwn(area.code)}`")
    return [" · ".join(facts)]


def _headline(profile: AreaProfile) -> str:
    imd = _imd(profile)
    if imd is None:
        return "No deprivation measures are recorded for this area."
    comparisons = [f"{escape_mrkdwn(c.area.name)} {format_share(c.measure('imd').pop_share_10)}"
                   for c in profile.comparators if _imd(c) is not None]
    line = (f"*Index of Multiple Deprivation:* average rank *{format_rank(imd.avg_rank)}* of "
            f"{format_count(profile.edition.lsoa_total)}. *{format_share(imd.pop_share_10)}* of people here "
            "live in England's most deprived 10% of neighbourhoods")
    return line + (f" ({', '.join(comparisons)})." if comparisons else ".")


def _column_name(name: str) -> str:
    # Backticks would end the code block early.
    return truncate(name.replace("`", "'"), _COLUMN_LIMIT)


def _domain_text(profile: AreaProfile, measures: DomainMeasures) -> str:
    """Return one domain as a bold heading over a small table: the area, its council, England."""
    columns = [("Area", measures)]
    for comparator in profile.comparators:
        other = next((m for m in comparator.measures if m.key == measures.key), None)
        if other is not None:
            columns.append((_column_name(comparator.area.name), other))
    cells = [[format_rank(m.avg_rank) if attr == "avg_rank" else format_share(getattr(m, attr))
              for _name, m in columns] for _label, attr in _ROWS]
    label_width = max(len(label) for label, _attr in _ROWS)
    widths = [max(len(name), *(len(row[i]) for row in cells)) for i, (name, _m) in enumerate(columns)]
    lines = [" " * label_width + "".join(f"  {name:>{w}}" for (name, _m), w in zip(columns, widths))]
    for (label, _attr), row in zip(_ROWS, cells):
        lines.append(f"{label:<{label_width}}" + "".join(f"  {value:>{w}}" for value, w in zip(row, widths)))
    # Pad first, escape after: entities are longer than the characters they stand for.
    table = escape_mrkdwn("\n".join(lines))
    return f"*{escape_mrkdwn(measures.label)}*\n```\n{table}\n```"


def _choice_buttons(choices: tuple[AreaSummary, ...]) -> dict:
    return actions(*(button(area_label(choice), f"{CHOOSE_ACTION_PREFIX}{i}", value=choice.code)
                     for i, choice in enumerate(choices[:25])))
