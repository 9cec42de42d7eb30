"""A survey's pages as the steps a person goes through, with show_if applied on the server.

A page of the definition becomes one step, except that a question shown only for an answer
given on the same page starts a new step: without JavaScript the page cannot hide it, so it
comes on the next page, or not at all. Pure functions; no Flask.
"""

from __future__ import annotations

from dataclasses import dataclass

from engagement.surveys.definition import Question, SurveyDefinition


@dataclass(frozen=True)
class Step:
    number: int  # 1-based, as in the address /s/<slug>/<number>
    title: str
    questions: tuple[Question, ...]


def survey_steps(definition: SurveyDefinition) -> list[Step]:
    """Return the definition's pages split into steps, numbered from 1."""
    steps: list[Step] = []
    for page in definition.pages:
        current: list[Question] = []
        for question in page.questions:
            on_this_step = {q.key for q in current}
            if question.show_if is not None and question.show_if.question in on_this_step:
                steps.append(Step(len(steps) + 1, page.title, tuple(current)))
                current = []
            current.append(question)
        steps.append(Step(len(steps) + 1, page.title, tuple(current)))
    return steps


def is_shown(question: Question, answers: dict[str, object]) -> bool:
    """Return whether question is asked, given the answers so far."""
    return question.show_if is None or question.show_if.holds(answers)


def shown_questions(step: Step, answers: dict[str, object]) -> list[Question]:
    """Return the questions of step that are asked, given the answers so far."""
    return [q for q in step.questions if is_shown(q, answers)]


def step_numbered(steps: list[Step], number: int) -> Step | None:
    """Return the step with this number, or None if there is none."""
    return steps[number - 1] if 1 <= number <= len(steps) else None


def next_step(steps: list[Step], after: int, answers: dict[str, object]) -> Step | None:
    """Return the first step after number `after` with a question to ask,
    or None (check answers next)."""
    return next((s for s in steps[max(after, 0) :] if shown_questions(s, answers)), None)


def previous_step(steps: list[Step], before: int, answers: dict[str, object]) -> Step | None:
    """Return the last step before number `before` with a question to ask, or None (the start)."""
    return next(
        (s for s in reversed(steps[: max(before - 1, 0)]) if shown_questions(s, answers)), None
    )


def step_of(steps: list[Step], key: str) -> Step | None:
    """Return the step that asks the question with this key, or None."""
    return next((s for s in steps if any(q.key == key for q in s.questions)), None)


def without_hidden(definition: SurveyDefinition, answers: dict[str, object]) -> dict[str, object]:
    """Return answers without those to questions no longer asked (an earlier answer changed)."""
    kept: dict[str, object] = {}
    # show_if names an earlier question, so one pass in order settles every condition.
    for question in definition.questions:
        if question.key in answers and is_shown(question, kept):
            kept[question.key] = answers[question.key]
    return kept
