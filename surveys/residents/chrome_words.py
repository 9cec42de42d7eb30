"""The service's own words on residents' survey pages, per language: headings, buttons, error
messages and GOV.UK Frontend's component text (which its macros take as parameters).

A language is offered to residents only when every key here is translated into it
(engagement/surveys/languages.OFFERED; tests/surveys/residents/test_languages.py checks). Text in
[square brackets] is a link's text; {names} are filled in. The Urdu should be checked by a fluent
speaker before a survey is published in it; the Welsh follows GOV.UK Frontend's own Welsh.
"""

from __future__ import annotations

EN = {
    "skip_link": "Skip to main content",
    "menu": "Menu",
    "find_area": "Find an area",
    "demo_tag": "Demo",
    "demo_text": (
        "This is a demonstration copy of Fairer Places. Nothing you do here is kept for real."
    ),
    "support_links": "Support links",
    "footer_privacy": "Privacy",
    "footer_accessibility": "Accessibility statement",
    "footer_cookies": "Cookies",
    "language_nav": "Choose a language",
    "error_summary_title": "There is a problem",
    "error_prefix": "Error: ",
    "error_word": "Error",
    "back": "Back",
    "continue": "Continue",
    "start_now": "Start now",
    "optional": " (optional)",
    "change": "Change",
    "not_answered": "Not answered",
    "select_all": "Select all that apply.",
    "chars_limit": "You can enter up to {limit} characters",
    "chars_under_one": "You have %{count} character remaining",
    "chars_under_other": "You have %{count} characters remaining",
    "chars_over_one": "You have %{count} character too many",
    "chars_over_other": "You have %{count} characters too many",
    "chars_at": "You have 0 characters remaining",
    "choice_number": "Choice {n}",
    "choose_option": "Choose an option",
    "ranking_hint": "Choose up to {top}, most important first.",
    "skip_these": "Skip these questions",
    "equality_optional": (
        "You do not have to answer these questions. You can answer some of them, or skip them all."
    ),
    "why_we_ask_title": "Why we ask these questions",
    "equality_notice": (
        "The Equality Act 2010 asks councils to consider how their decisions affect people of "
        "different ages, sexes, ethnic groups and people with disabilities. We ask these questions "
        "to check we have heard from all of them, and to look for anyone we have missed.\n\n"
        "Every question is optional: you can skip them all, answer some, or choose ‘Prefer not to "
        "say’. We use your answers only to count who took part. They are never shown in a way "
        "that could identify you: we do not publish the number of any group of fewer than 10 "
        "people."
    ),
    "why_age_band": "We ask this to check we hear from people of all ages.",
    "why_sex": "We ask this to check we hear from women and men alike.",
    "why_disability": (
        "We ask this to check disabled people and people with long-term conditions are heard."
    ),
    "why_ethnicity": "We ask this to check we hear from people of every ethnic group.",
    "closes_on": "The survey closes on {date}.",
    "how_we_use": "How we use your answers",
    "read_privacy": "[Read the privacy notice] to find out what we keep and for how long.",
    "invite_heading": "Your invite code",
    "invite_label": "Invite code",
    "invite_hint": (
        "This survey is by invitation. Your code is in the email or letter we sent you, for "
        "example INV-ABCDE-FGHJK."
    ),
    "invite_missing": "Enter your invite code",
    "invite_format": "Enter your invite code in the right format, like INV-ABCDE-FGHJK",
    "invite_wrong": (
        "This invite code is not right or has already been used – check it and try again"
    ),
    "invite_used": "This invite code has already been used",
    "see_results_so_far": "See the results so far",
    "changed_mind": (
        "Already answered and changed your mind? [Delete your answers] with your receipt code."
    ),
    "check_answers_title": "Check your answers",
    "check_answers_heading": "Check your answers before sending them",
    "send_heading": "Now send your answers",
    "send_text": (
        "When you send your answers we will give you a receipt code. Keep it if you might want us "
        "to delete your answers later."
    ),
    "send_button": "Send answers",
    "sent_title": "Your answers have been sent",
    "try_again_title": "Sorry, there is a problem with the service",
    "try_again_text": (
        "Your answers have not been sent yet, but they have been kept. Try again in a few seconds."
    ),
    "try_again_button": "Try sending again",
    "your_receipt_code": "Your receipt code",
    "thank_you": "Thank you for taking part in ‘{title}’.",
    "keep_code_heading": "Keep your receipt code",
    "keep_code_text": (
        "We do not know who you are, so the receipt code is the only way to find your answers. "
        "Write it down or take a screenshot."
    ),
    "done_delete": (
        "If you change your mind, you can [delete your answers] at any time by entering your "
        "receipt code."
    ),
    "next_heading": "What happens next",
    "next_text": "We will read every answer before we agree our plan. [See the results so far].",
    "erase_title": "Delete your answers",
    "erase_text": (
        "Enter the receipt code you were given when you sent your answers. We will delete all of "
        "them straight away. This cannot be undone."
    ),
    "receipt_label": "Receipt code",
    "receipt_hint": "For example, FP-7K3M-Q9XD",
    "erase_button": "Delete my answers",
    "receipt_missing": "Enter your receipt code",
    "receipt_format": "Enter your receipt code in the right format, like FP-7K3M-Q9XD",
    "receipt_unknown": "There are no answers with this receipt code – check it and try again",
    "erased_title": "Your answers have been deleted",
    "erased_code": "Receipt code {code}",
    "erased_text": (
        "We have deleted every answer sent with this receipt code. They will not be counted in "
        "any results from now on."
    ),
    "go_back_to": "Go back to ‘{title}’",
    "closed_title": "This survey has closed",
    "closed_on": "It closed on {date}.",
    "closed_thanks": "Thank you to everyone who took part.",
    "see_results": "See the results",
    "closed_erase": (
        "If you took part and want your answers deleted, you can still [delete your answers] "
        "with your receipt code."
    ),
    "not_open_title": "This survey is not open yet",
    "opens_on": "It opens on {date}.",
    "come_back": "Please come back then: we would like to hear from you.",
    "wait_title": "Please wait a moment",
    "wait_text": "We have had a lot of answers from your connection in a short time.",
    "wait_seconds": (
        "Your answers so far have been kept. Wait {seconds} seconds, then go back and press the "
        "button again."
    ),
    "privacy_title": "Privacy notice",
    "privacy_default": "Your answers are used to help the council decide its plans for the area.",
    "council_privacy": "Read the council’s full privacy notice",
    "what_we_keep": "What we keep",
    "what_we_keep_text": (
        "Until you press ‘Send answers’, your answers are kept only in your own browser. When you "
        "send them, we keep your answers, the language you answered in, the date and time you "
        "sent them and whether they came from this website or a paper form. We do not keep your "
        "name, your internet address or details of your device, unless you write them in an "
        "answer yourself."
    ),
    "how_long": "How long we keep your answers",
    "how_long_text": (
        "Anything you write in your own words is deleted {days} days after you send it. Your "
        "other answers are kept to count the results, with nothing that says who gave them. In "
        "the results we publish, a group of fewer than 10 people is never counted on its own."
    ),
    "deleting": "Deleting your answers",
    "deleting_text": (
        "When you send your answers we give you a receipt code. [Delete your answers] at any time "
        "by entering it."
    ),
    "more_privacy": "More about privacy",
    "more_privacy_text": (
        "Read [how this website uses information], your rights, and [the one cookie it sets]."
    ),
    "go_to_survey": "Go to the survey",
    "err_select_agree": "Select how much you agree with {name}",
    "err_select": "Select {name}",
    "err_enter": "Enter {name}",
    "err_from_list": "Select {name} from the list",
    "err_rank_top": "Choose your top {top} for {name}",
    "err_rank_once": "Choose each option only once for {name}",
    "err_rank_max": "Choose no more than {top} for {name}",
    "err_too_long": "Your answer to {name} must be {limit} characters or fewer",
    "err_no_room": "There is not enough room to keep {name} between pages – shorten your answer",
    # The question fields' words (surveys/residents/survey_fields.FIELD_WORDS).
    "or": "or",
    "characters": "You can enter up to {count} characters",
    "choose_up_to": "Choose up to {top}.",
    "order_heading": "Put your choices in order",
    "order_hint": "Most important first. Use the buttons to move a choice up or down.",
    "move_up": "Move {item} up",
    "move_down": "Move {item} down",
    "choose_neighbourhood": "Choose your neighbourhood",
    "neighbourhood_hint": (
        "Start typing the name of your neighbourhood, or choose it from the list. If "
        "it is not listed, choose ‘Somewhere else’."
    ),
    "somewhere_else": "Somewhere else",
    "rather_not_say": "I’d rather not say",
    "select_neighbourhood": "Select your neighbourhood from the list",
    "typed_label": "Name of your neighbourhood",
    "typed_hint": "For example, the name of your estate, village or part of town",
    "no_results": "No results found",
    "autocomplete_hint": (
        "When results are available use up and down arrows to review and enter to "
        "select. Touch device users, explore by touch or with swipe gestures."
    ),
    # A ranking's places on the check-answers page ("1st: Housing"): the first ten, by spaces.
    "ordinals": "1st 2nd 3rd 4th 5th 6th 7th 8th 9th 10th",
    "ordinal_later": "{n}th",
}
