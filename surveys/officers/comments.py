"""Officer pages for coding residents' comments, and for the keyword taxonomy that themes them.

/officers/surveys/<slug>/comments               comments, filtered and a page at a time
/officers/surveys/<slug>/comments/<answer_id>   correct one comment, redact it, choose it as a quote
/officers/themes                                (admins) the themes and their keywords
/officers/themes/<id>                           (admins) change or delete a theme
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    get_flashed_messages,
    redirect,
    render_template,
    request,
    url_for,
)

from engagement.comments.officer_coding import (
    PER_PAGE,
    SENTIMENTS,
    CommentFilters,
    code_comment_by_officer,
    comments_page,
    find_comment,
    suggest_redaction,
)
from engagement.comments.taxonomy import delete_theme, list_themes, save_theme, themes_taxonomy
from surveys.council_time import local_moment
from surveys.database import web_session
from surveys.officers.auth import (
    admin_required,
    current_officer,
    officer_home_link,
    officer_required,
)
from surveys.residents.survey_flow import load_survey

bp = Blueprint("comments", __name__, url_prefix="/officers")
SENTIMENT_TAGS = {
    "positive": "govuk-tag--green",
    "neutral": "govuk-tag--grey",
    "negative": "govuk-tag--red",
}


@bp.get("/surveys/<slug>/comments")
@officer_required
def comment_list(slug: str):
    """Return one page of a survey's comments, filtered by tone, theme and neighbourhood."""
    loaded = load_survey(slug)
    filters = CommentFilters.from_args(request.args)
    with web_session() as db:
        page = comments_page(db, loaded.survey.id, filters)
    saved = get_flashed_messages(category_filter=["comment-coded"])
    f = page.filters
    choices = {
        "sentiment": select_items(
            [("", "Any tone")] + [(s, s.capitalize()) for s in SENTIMENTS], f.sentiment
        ),
        "theme": select_items([("", "Any theme")] + [(t, t) for t in page.themes], f.theme),
        "area": select_items([("", "Any neighbourhood")] + list(page.areas), f.area),
    }
    return render_template(
        "officers/comments/list.html",
        survey=loaded.definition,
        slug=slug,
        page=page,
        choices=choices,
        pagination=pagination(slug, page.filters, page.pages),
        per_page=PER_PAGE,
        tags=SENTIMENT_TAGS,
        saved=saved[0] if saved else None,
        moment=local_moment,
        page_title=f"Comments – {loaded.definition.title}",
    )


def select_items(options: list[tuple[str, str]], chosen: str) -> list[dict]:
    """Return govukSelect items for (value, text) options, with chosen selected."""
    return [{"value": value, "text": text, "selected": value == chosen} for value, text in options]


def pagination(slug: str, filters: CommentFilters, pages: int) -> dict | None:
    """Return govukPagination's parameters for the comment pages, or None for a single page."""
    if pages <= 1:
        return None

    def href(number: int) -> str:
        return url_for("comments.comment_list", slug=slug, **filters.query_args(page=number))

    items, current = [], filters.page
    for number in range(1, pages + 1):
        if number in (1, pages) or abs(number - current) <= 2:
            items.append({"number": number, "href": href(number), "current": number == current})
        elif abs(number - current) == 3:
            items.append({"ellipsis": True})
    return {
        "items": items,
        "previous": {"href": href(current - 1)} if current > 1 else None,
        "next": {"href": href(current + 1)} if current < pages else None,
    }


@bp.route("/surveys/<slug>/comments/<int:answer_id>", methods=["GET", "POST"])
@officer_required
def code_one(slug: str, answer_id: int):
    """Return the form for coding one comment; on POST, save the officer's coding."""
    loaded = load_survey(slug)
    # Back to the same filtered page afterwards: rebuilt from the filters, never taken as a URL.
    filters = CommentFilters.from_args(request.args)
    errors: dict[str, str] = {}
    with web_session() as db:
        comment = find_comment(db, loaded.survey.id, answer_id)
        if comment is None:
            abort(404)
        if request.method == "POST":
            errors = code_comment_by_officer(
                db,
                loaded.survey.id,
                answer_id,
                sentiment=request.form.get("sentiment", ""),
                themes=request.form.getlist("themes"),
                redacted_text=request.form.get("redacted_text", ""),
                publish=request.form.get("publish_quote") == "yes",
                officer=current_officer().slack_user_id,
            )
            if not errors:
                flash("Comment saved", "comment-coded")
                return redirect(
                    url_for("comments.comment_list", slug=slug, **filters.query_args())
                    + f"#comment-{answer_id}",
                    303,
                )
        themes = list(themes_taxonomy(db))
    themes += [t for t in comment.themes_now + comment.themes if t not in themes]
    form = request.form if request.method == "POST" else None
    return render_template(
        "officers/comments/code.html",
        survey=loaded.definition,
        slug=slug,
        comment=comment,
        filters=filters,
        themes=list(dict.fromkeys(themes)),
        errors=errors,
        form=form,
        sentiments=SENTIMENTS,
        tags=SENTIMENT_TAGS,
        suggestion=suggest_redaction(comment.text),
        moment=local_moment,
        page_title=("Error: " if errors else "") + f"Code a comment – {loaded.definition.title}",
    ), 400 if errors else 200


@bp.route("/themes", methods=["GET", "POST"])
@admin_required
@officer_home_link(
    "Comment themes", "The themes comments are sorted into, and the keywords that find them."
)
def themes():
    """Return the themes and their keywords with a form to add one; on POST, add it."""
    errors: dict[str, str] = {}
    with web_session() as db:
        if request.method == "POST":
            errors = save_theme(
                db, None, request.form.get("name", ""), request.form.get("keywords", "")
            )
            if not errors:
                flash(f"Theme added: {' '.join(request.form.get('name', '').split())}", "themes")
                return redirect(url_for("comments.themes"), 303)
        rows = list_themes(db)
    done = get_flashed_messages(category_filter=["themes"])
    return render_template(
        "officers/themes/list.html",
        themes=rows,
        errors=errors,
        form=request.form if errors else None,
        done=done[0] if done else None,
        page_title=("Error: " if errors else "") + "Comment themes",
    ), 400 if errors else 200


@bp.route("/themes/<int:theme_id>", methods=["GET", "POST"])
@admin_required
def edit_theme(theme_id: int):
    """Return the form to change a theme; on POST, save it."""
    errors: dict[str, str] = {}
    with web_session() as db:
        theme = next((t for t in list_themes(db) if t.id == theme_id), None)
        if theme is None:
            abort(404)
        if request.method == "POST":
            errors = save_theme(
                db, theme_id, request.form.get("name", ""), request.form.get("keywords", "")
            )
            if not errors:
                flash(f"Theme saved: {' '.join(request.form.get('name', '').split())}", "themes")
                return redirect(url_for("comments.themes"), 303)
    return render_template(
        "officers/themes/edit.html",
        theme=theme,
        errors=errors,
        form=request.form if errors else None,
        page_title=("Error: " if errors else "") + f"Change theme – {theme.name}",
    ), 400 if errors else 200


@bp.post("/themes/<int:theme_id>/delete")
@admin_required
def remove_theme(theme_id: int):
    """Delete a theme; comments already coded with it keep it until an officer changes them."""
    with web_session() as db:
        name = delete_theme(db, theme_id)
    if name is None:
        abort(404)
    flash(f"Theme deleted: {name}", "themes")
    return redirect(url_for("comments.themes"), 303)
