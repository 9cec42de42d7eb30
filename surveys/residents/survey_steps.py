"""A survey's pages as the steps a person goes through, with show_if applied on the server.

A page of the definition becomes one step, except that a question shown only for an answer
given on the same page starts a new step: without JavaScript the page cannot hide it, so it
comes on the next page, or not at all. Equality monitoring questions (age, sex, disability,
ethnicity) always have a step of their own, which a person can skip as a whole (GOV.UK's
equality information pattern). Pure functions; no Flask.
"""

from __future__ import annotations

from dataclasses import dataclass

from engagement.surveys.definition import Page, Question, SurveyDefinition
from engagement.surveys.options import EQUALITY

EQUALITY_STEP_TITLE = "Equality questions"


@dataclass(frozen=True)
class Step:
    number: int  # 1-based, as in the address /s/<slug>/<number>
    title: str
    questions: tuple[Question, ...]

    @property
    def equality(self) -> bool:
        """Return whether this is the step of equality monitoring questions."""
        return all(is_equality(q) for q in self.questions)

    @property
    def skippable(self) -> bool:
        """Return whether a person may skip the whole step: equality questions, none required."""
        return self.equality and not any(q.required for q in self.questions)


def is_equality(question: Question) -> bool:
    """Return whether question is one of the equality monitoring questions."""
    return question.kind in EQUALITY


def survey_steps(definition: SurveyDefinition) -> list[Step]:
    """Return the definition's pages split into steps, numbered from 1."""
    steps: list[Step] = []

    def add(page: Page, questions: list[Question]) -> None:
        title = page.title
        # Equality questions split off a page of other questions need a title of their own.
        if all(map(is_equality, questions)) and not all(map(is_equality, page.questions)):
            title = EQUALITY_STEP_TITLE
        steps.append(Step(len(steps) + 1, title, tuple(questions)))

    for page in definition.pages:
        current: list[Question] = []
        for question in page.questions:
            on_this_step = {q.key for q in current}
            shown_by_this_step = (
                question.show_if is not None and question.show_if.question in on_this_step
            )
            if shown_by_this_step or (
                current and is_equality(current[-1]) != is_equality(question)
            ):
                add(page, current)
                current = []
            current.append(question)
        add(page, current)
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
