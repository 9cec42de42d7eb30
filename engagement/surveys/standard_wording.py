"""The standard questions' words in each offered language: agreement, who is answering, the
neighbourhood question and the equality questions (engagement/surveys/options.py in English).

A survey that uses a standard question as it is needs no translation of it: these are used.
Welsh follows the Census 2021 Welsh-language questionnaire where it has the question. The Urdu
should be checked by a fluent speaker before a survey is published in it.
"""

from __future__ import annotations

_PREFER_NOT = {"cy": "Mae'n well gennyf beidio â dweud", "ur": "بتانا نہیں چاہتے"}

# kind -> language -> {"prompt", "short", "options": {value: label}}
STANDARD: dict[str, dict[str, dict]] = {
    "likert": {
        "cy": {
            "options": {
                "strongly_agree": "Cytuno'n gryf",
                "agree": "Cytuno",
                "neither": "Ddim yn cytuno nac yn anghytuno",
                "disagree": "Anghytuno",
                "strongly_disagree": "Anghytuno'n gryf",
                "dont_know": "Ddim yn gwybod",
            }
        },
        "ur": {
            "options": {
                "strongly_agree": "پوری طرح متفق",
                "agree": "متفق",
                "neither": "نہ متفق نہ غیر متفق",
                "disagree": "غیر متفق",
                "strongly_disagree": "بالکل غیر متفق",
                "dont_know": "معلوم نہیں",
            }
        },
    },
    "respondent_type": {
        "cy": {
            "prompt": "Ydych chi'n ymateb fel…",
            "short": "fel pwy rydych chi'n ymateb",
            "options": {
                "resident": "Preswylydd",
                "voluntary_community": "Sefydliad gwirfoddol neu gymunedol",
                "public_sector": "Sefydliad sector cyhoeddus",
                "business": "Busnes",
                "councillor": "Cynghorydd",
                "other": "Arall",
            },
        },
        "ur": {
            "prompt": "آپ کس حیثیت سے جواب دے رہے ہیں؟",
            "short": "آپ کس حیثیت سے جواب دے رہے ہیں",
            "options": {
                "resident": "ایک رہائشی",
                "voluntary_community": "ایک رضاکار یا کمیونٹی تنظیم",
                "public_sector": "ایک سرکاری ادارہ",
                "business": "ایک کاروبار",
                "councillor": "ایک کونسلر",
                "other": "کوئی اور",
            },
        },
    },
    "neighbourhood": {
        "cy": {
            "prompt": "Ym mha gymdogaeth ydych chi'n byw neu'n gweithio?",
            "short": "eich cymdogaeth",
        },
        "ur": {"prompt": "آپ کس محلے میں رہتے یا کام کرتے ہیں؟", "short": "اپنا محلہ"},
    },
    "age_band": {
        "cy": {
            "prompt": "Beth yw eich oedran?",
            "short": "eich oedran",
            "options": {
                "under_16": "O dan 16",
                "16_24": "16 i 24",
                "25_34": "25 i 34",
                "35_44": "35 i 44",
                "45_54": "45 i 54",
                "55_64": "55 i 64",
                "65_74": "65 i 74",
                "75_plus": "75 neu hŷn",
                "prefer_not_to_say": _PREFER_NOT["cy"],
            },
        },
        "ur": {
            "prompt": "آپ کی عمر کیا ہے؟",
            "short": "اپنی عمر",
            "options": {
                "under_16": "16 سال سے کم",
                "16_24": "16 سے 24",
                "25_34": "25 سے 34",
                "35_44": "35 سے 44",
                "45_54": "45 سے 54",
                "55_64": "55 سے 64",
                "65_74": "65 سے 74",
                "75_plus": "75 یا اس سے زیادہ",
                "prefer_not_to_say": _PREFER_NOT["ur"],
            },
        },
    },
    "sex": {
        "cy": {
            "prompt": "Beth yw eich rhyw?",
            "short": "eich rhyw",
            "options": {"female": "Benyw", "male": "Gwryw", "prefer_not_to_say": _PREFER_NOT["cy"]},
        },
        "ur": {
            "prompt": "آپ کی جنس کیا ہے؟",
            "short": "اپنی جنس",
            "options": {"female": "عورت", "male": "مرد", "prefer_not_to_say": _PREFER_NOT["ur"]},
        },
    },
    "disability": {
        "cy": {
            "prompt": (
                "A oes gennych unrhyw gyflyrau iechyd corfforol neu feddyliol neu salwch sydd "
                "wedi para neu y disgwylir iddynt bara 12 mis neu fwy?"
            ),
            "short": "a oes gennych gyflwr iechyd hirdymor",
            "options": {"yes": "Oes", "no": "Nac oes", "prefer_not_to_say": _PREFER_NOT["cy"]},
        },
        "ur": {
            "prompt": (
                "کیا آپ کو کوئی جسمانی یا ذہنی صحت کا مسئلہ یا بیماری ہے جو 12 مہینے یا اس سے "
                "زیادہ عرصے سے ہے، یا جس کے اتنا عرصہ رہنے کی توقع ہے؟"
            ),
            "short": "کیا آپ کو طویل مدتی بیماری ہے",
            "options": {"yes": "ہاں", "no": "نہیں", "prefer_not_to_say": _PREFER_NOT["ur"]},
        },
    },
    "ethnicity": {
        "cy": {
            "prompt": "Beth yw eich grŵp ethnig?",
            "short": "eich grŵp ethnig",
            "options": {
                "asian": "Asiaidd, Asiaidd Prydeinig neu Asiaidd Cymreig",
                "black": "Du, Du Prydeinig, Du Cymreig, Caribïaidd neu Affricanaidd",
                "mixed": "Grwpiau ethnig cymysg neu luosog",
                "white": "Gwyn",
                "other": "Grŵp ethnig arall",
                "prefer_not_to_say": _PREFER_NOT["cy"],
            },
        },
        "ur": {
            "prompt": "آپ کا نسلی گروہ کیا ہے؟",
            "short": "اپنا نسلی گروہ",
            "options": {
                "asian": "ایشیائی، ایشیائی برطانوی یا ایشیائی ویلش",
                "black": "سیاہ فام، سیاہ فام برطانوی، سیاہ فام ویلش، کیریبین یا افریقی",
                "mixed": "مخلوط یا ایک سے زیادہ نسلی گروہ",
                "white": "سفید فام",
                "other": "کوئی اور نسلی گروہ",
                "prefer_not_to_say": _PREFER_NOT["ur"],
            },
        },
    },
}


def standard_wording(kind: str, code: str) -> dict:
    """Return the standard words of a question kind in a language ({} when there are none):
    {"prompt", "short", "options": {value: label}}, each only where the kind has it."""
    return STANDARD.get(kind, {}).get(code, {})
