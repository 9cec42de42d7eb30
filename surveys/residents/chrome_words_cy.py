"""The service's words on residents' survey pages in Welsh (Cymraeg); keys as chrome_words.EN.

GOV.UK Frontend's component text follows its own Welsh (e.g. "Mae problem wedi codi", "Yn ôl").
"""

from __future__ import annotations

CY = {
    "skip_link": "Neidio i'r prif gynnwys",
    "menu": "Dewislen",
    "find_area": "Dod o hyd i ardal",
    "demo_tag": "Demo",
    "demo_text": (
        "Copi arddangos o Fairer Places yw hwn. Nid oes dim a wnewch yma yn cael ei gadw go iawn."
    ),
    "support_links": "Dolenni cymorth",
    "footer_privacy": "Preifatrwydd",
    "footer_accessibility": "Datganiad hygyrchedd",
    "footer_cookies": "Cwcis",
    "language_nav": "Dewis iaith",
    "error_summary_title": "Mae problem wedi codi",
    "error_prefix": "Gwall: ",
    "error_word": "Gwall",
    "back": "Yn ôl",
    "continue": "Parhau",
    "start_now": "Dechrau nawr",
    "optional": " (dewisol)",
    "change": "Newid",
    "not_answered": "Heb ateb",
    "select_all": "Dewiswch bob un sy'n berthnasol.",
    "chars_limit": "Gallwch roi hyd at {limit} nod",
    "chars_under_one": "Mae gennych %{count} nod yn weddill",
    "chars_under_other": "Mae gennych %{count} nod yn weddill",
    "chars_over_one": "Mae gennych %{count} nod yn ormod",
    "chars_over_other": "Mae gennych %{count} nod yn ormod",
    "chars_at": "Mae gennych 0 nod yn weddill",
    "choice_number": "Dewis {n}",
    "choose_option": "Dewiswch opsiwn",
    "ranking_hint": "Dewiswch hyd at {top}, y pwysicaf yn gyntaf.",
    "skip_these": "Hepgor y cwestiynau hyn",
    "equality_optional": (
        "Does dim rhaid i chi ateb y cwestiynau hyn. Gallwch ateb rhai ohonynt, neu eu hepgor i "
        "gyd."
    ),
    "why_we_ask_title": "Pam rydym yn gofyn y cwestiynau hyn",
    "equality_notice": (
        "Mae Deddf Cydraddoldeb 2010 yn gofyn i gynghorau ystyried sut mae eu penderfyniadau'n "
        "effeithio ar bobl o wahanol oedrannau, rhywiau a grwpiau ethnig a phobl anabl. Rydym yn "
        "gofyn y cwestiynau hyn i wirio ein bod wedi clywed gan bob un ohonynt, ac i chwilio am "
        "unrhyw un rydym wedi'i golli.\n\n"
        "Mae pob cwestiwn yn ddewisol: gallwch eu hepgor i gyd, ateb rhai, neu ddewis ‘Mae'n well "
        "gennyf beidio â dweud’. Dim ond i gyfrif pwy a gymerodd ran y defnyddiwn eich atebion. "
        "Ni chânt byth eu dangos mewn ffordd a allai eich adnabod: nid ydym yn cyhoeddi nifer "
        "unrhyw grŵp o lai na 10 o bobl."
    ),
    "why_age_band": "Rydym yn gofyn hyn i wirio ein bod yn clywed gan bobl o bob oed.",
    "why_sex": "Rydym yn gofyn hyn i wirio ein bod yn clywed gan fenywod a dynion fel ei gilydd.",
    "why_disability": (
        "Rydym yn gofyn hyn i wirio bod pobl anabl a phobl â chyflyrau hirdymor yn cael eu clywed."
    ),
    "why_ethnicity": "Rydym yn gofyn hyn i wirio ein bod yn clywed gan bobl o bob grŵp ethnig.",
    "closes_on": "Mae'r arolwg yn cau ar {date}.",
    "how_we_use": "Sut rydym yn defnyddio eich atebion",
    "read_privacy": (
        "[Darllenwch yr hysbysiad preifatrwydd] i gael gwybod beth rydym yn ei gadw ac am ba hyd."
    ),
    "invite_heading": "Eich cod gwahoddiad",
    "invite_label": "Cod gwahoddiad",
    "invite_hint": (
        "Trwy wahoddiad yn unig y mae'r arolwg hwn. Mae eich cod yn yr e-bost neu'r llythyr a "
        "anfonwyd atoch, er enghraifft INV-ABCDE-FGHJK."
    ),
    "invite_missing": "Rhowch eich cod gwahoddiad",
    "invite_format": "Rhowch eich cod gwahoddiad yn y fformat cywir, fel INV-ABCDE-FGHJK",
    "invite_wrong": (
        "Nid yw'r cod gwahoddiad hwn yn gywir neu mae wedi cael ei ddefnyddio eisoes – gwiriwch "
        "ef a rhowch gynnig arall arni"
    ),
    "invite_used": "Mae'r cod gwahoddiad hwn wedi cael ei ddefnyddio eisoes",
    "see_results_so_far": "Gweld y canlyniadau hyd yma",
    "changed_mind": (
        "Wedi ateb ac wedi newid eich meddwl? [Dilëwch eich atebion] gyda'ch cod derbynneb."
    ),
    "check_answers_title": "Gwirio eich atebion",
    "check_answers_heading": "Gwiriwch eich atebion cyn eu hanfon",
    "send_heading": "Nawr anfonwch eich atebion",
    "send_text": (
        "Pan fyddwch yn anfon eich atebion byddwn yn rhoi cod derbynneb i chi. Cadwch ef os "
        "byddwch efallai am i ni ddileu eich atebion yn nes ymlaen."
    ),
    "send_button": "Anfon atebion",
    "sent_title": "Mae eich atebion wedi cael eu hanfon",
    "try_again_title": "Mae’n ddrwg gennym, mae problem gyda’r gwasanaeth",
    "try_again_text": (
        "Nid yw eich atebion wedi cael eu hanfon eto, ond maen nhw wedi cael eu cadw. "
        "Rhowch gynnig arall arni mewn ychydig eiliadau."
    ),
    "try_again_button": "Rhoi cynnig ar anfon eto",
    "your_receipt_code": "Eich cod derbynneb",
    "thank_you": "Diolch am gymryd rhan yn ‘{title}’.",
    "keep_code_heading": "Cadwch eich cod derbynneb",
    "keep_code_text": (
        "Nid ydym yn gwybod pwy ydych chi, felly'r cod derbynneb yw'r unig ffordd o ddod o hyd "
        "i'ch atebion. Ysgrifennwch ef i lawr neu tynnwch lun o'r sgrin."
    ),
    "done_delete": (
        "Os byddwch yn newid eich meddwl, gallwch [ddileu eich atebion] ar unrhyw adeg drwy roi "
        "eich cod derbynneb."
    ),
    "next_heading": "Beth sy'n digwydd nesaf",
    "next_text": (
        "Byddwn yn darllen pob ateb cyn i ni gytuno ar ein cynllun. [Gweld y canlyniadau hyd yma]."
    ),
    "erase_title": "Dileu eich atebion",
    "erase_text": (
        "Rhowch y cod derbynneb a gawsoch pan anfonoch eich atebion. Byddwn yn eu dileu i gyd ar "
        "unwaith. Ni ellir dadwneud hyn."
    ),
    "receipt_label": "Cod derbynneb",
    "receipt_hint": "Er enghraifft, FP-7K3M-Q9XD",
    "erase_button": "Dileu fy atebion",
    "receipt_missing": "Rhowch eich cod derbynneb",
    "receipt_format": "Rhowch eich cod derbynneb yn y fformat cywir, fel FP-7K3M-Q9XD",
    "receipt_unknown": (
        "Nid oes atebion gyda'r cod derbynneb hwn – gwiriwch ef a rhowch gynnig arall arni"
    ),
    "erased_title": "Mae eich atebion wedi cael eu dileu",
    "erased_code": "Cod derbynneb {code}",
    "erased_text": (
        "Rydym wedi dileu pob ateb a anfonwyd gyda'r cod derbynneb hwn. Ni fyddant yn cael eu "
        "cyfrif mewn unrhyw ganlyniadau o hyn ymlaen."
    ),
    "go_back_to": "Mynd yn ôl i ‘{title}’",
    "closed_title": "Mae'r arolwg hwn wedi cau",
    "closed_on": "Caeodd ar {date}.",
    "closed_thanks": "Diolch i bawb a gymerodd ran.",
    "see_results": "Gweld y canlyniadau",
    "closed_erase": (
        "Os gwnaethoch gymryd rhan a'ch bod am i'ch atebion gael eu dileu, gallwch [ddileu eich "
        "atebion] o hyd gyda'ch cod derbynneb."
    ),
    "not_open_title": "Nid yw'r arolwg hwn ar agor eto",
    "opens_on": "Mae'n agor ar {date}.",
    "come_back": "Dewch yn ôl bryd hynny: hoffem glywed gennych.",
    "wait_title": "Arhoswch funud",
    "wait_text": "Rydym wedi cael llawer o atebion o'ch cysylltiad mewn amser byr.",
    "wait_seconds": (
        "Mae eich atebion hyd yma wedi cael eu cadw. Arhoswch {seconds} eiliad, yna ewch yn ôl a "
        "phwyso'r botwm eto."
    ),
    "privacy_title": "Hysbysiad preifatrwydd",
    "privacy_default": (
        "Defnyddir eich atebion i helpu'r cyngor i benderfynu ar ei gynlluniau ar gyfer yr ardal."
    ),
    "council_privacy": "Darllenwch hysbysiad preifatrwydd llawn y cyngor",
    "what_we_keep": "Beth rydym yn ei gadw",
    "what_we_keep_text": (
        "Nes i chi bwyso ‘Anfon atebion’, dim ond yn eich porwr eich hun y cedwir eich atebion. "
        "Pan fyddwch yn eu hanfon, rydym yn cadw eich atebion, yr iaith y gwnaethoch ateb ynddi, "
        "y dyddiad a'r amser y gwnaethoch eu hanfon ac a ddaethant o'r wefan hon neu o ffurflen "
        "bapur. Nid ydym yn cadw eich enw, eich cyfeiriad rhyngrwyd na manylion eich dyfais, oni "
        "bai eich bod yn eu hysgrifennu mewn ateb eich hun."
    ),
    "how_long": "Am ba hyd rydym yn cadw eich atebion",
    "how_long_text": (
        "Caiff unrhyw beth a ysgrifennwch yn eich geiriau eich hun ei ddileu {days} diwrnod ar ôl "
        "i chi ei anfon. Caiff eich atebion eraill eu cadw i gyfrif y canlyniadau, heb ddim sy'n "
        "dweud pwy a'u rhoddodd. Yn y canlyniadau a gyhoeddwn, ni chaiff grŵp o lai na 10 o bobl "
        "byth ei gyfrif ar ei ben ei hun."
    ),
    "deleting": "Dileu eich atebion",
    "deleting_text": (
        "Pan fyddwch yn anfon eich atebion rydym yn rhoi cod derbynneb i chi. [Dilëwch eich "
        "atebion] ar unrhyw adeg drwy ei roi."
    ),
    "more_privacy": "Rhagor am breifatrwydd",
    "more_privacy_text": (
        "Darllenwch [sut mae'r wefan hon yn defnyddio gwybodaeth], eich hawliau, a'r [un cwci "
        "y mae'n ei osod]."
    ),
    "go_to_survey": "Mynd i'r arolwg",
    "err_select_agree": "Dewiswch i ba raddau rydych chi'n cytuno â {name}",
    "err_select": "Dewiswch {name}",
    "err_enter": "Rhowch {name}",
    "err_from_list": "Dewiswch {name} o'r rhestr",
    "err_rank_top": "Dewiswch eich {top} uchaf ar gyfer {name}",
    "err_rank_once": "Dewiswch bob opsiwn unwaith yn unig ar gyfer {name}",
    "err_rank_max": "Dewiswch ddim mwy na {top} ar gyfer {name}",
    "err_too_long": "Rhaid i'ch ateb i {name} fod yn {limit} nod neu lai",
    "err_no_room": ("Nid oes digon o le i gadw {name} rhwng tudalennau – byrhewch eich ateb"),
    # The question fields' words (surveys/residents/survey_fields.FIELD_WORDS).
    "or": "neu",
    "characters": "Gallwch roi hyd at {count} nod",
    "choose_up_to": "Dewiswch hyd at {top}.",
    "order_heading": "Rhowch eich dewisiadau mewn trefn",
    "order_hint": "Y pwysicaf yn gyntaf. Defnyddiwch y botymau i symud dewis i fyny neu i lawr.",
    "move_up": "Symud {item} i fyny",
    "move_down": "Symud {item} i lawr",
    "choose_neighbourhood": "Dewiswch eich cymdogaeth",
    "neighbourhood_hint": (
        "Dechreuwch deipio enw eich cymdogaeth, neu dewiswch hi o'r rhestr. Os nad yw"
        " wedi'i rhestru, dewiswch ‘Rhywle arall’."
    ),
    "somewhere_else": "Rhywle arall",
    "rather_not_say": "Byddai'n well gennyf beidio â dweud",
    "select_neighbourhood": "Dewiswch eich cymdogaeth o'r rhestr",
    "typed_label": "Enw eich cymdogaeth",
    "typed_hint": "Er enghraifft, enw eich ystad, eich pentref neu'ch rhan chi o'r dref",
    "no_results": "Dim canlyniadau",
    "autocomplete_hint": (
        "Pan fydd canlyniadau ar gael, defnyddiwch y saethau i fyny ac i lawr i'w "
        "hadolygu a'r fysell Enter i ddewis. Ar ddyfais gyffwrdd, archwiliwch drwy "
        "gyffwrdd neu sweipio."
    ),
    # Welsh ordinal abbreviations; past the tenth they are irregular (11eg, 12fed), so "Rhif 11".
    "ordinals": "1af 2il 3ydd 4ydd 5ed 6ed 7fed 8fed 9fed 10fed",
    "ordinal_later": "Rhif {n}",
}
