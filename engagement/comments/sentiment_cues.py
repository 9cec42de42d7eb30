"""The consultation-language lexicon sentiment.py scores with: phrases and words, as data.

CUES are the phrases residents use to complain or to praise, each with a fixed weight and the
note an officer sees when it fires; NO_OPINION are adjectives TextBlob scores that describe
rather than judge in a comment on a neighbourhood; NEGATORS are the words that turn a cue
round. How they are applied (matching, negation, clipping) is in sentiment.py. The word lists
of text-speak and of hardship are in word_lists.py.
"""

from __future__ import annotations

from dataclasses import dataclass

# Adjectives TextBlob scores that, in a comment on a neighbourhood, describe rather than judge:
# "more bins", "new homes", "free school meals", "young people", "mental health".
NO_OPINION = frozenset(
    {
        "more",
        "most",
        "many",
        "much",
        "new",
        "old",
        "older",
        "young",
        "younger",
        "free",
        "high",
        "first",
        "social",
        "mental",
        "long",
        "other",
        "own",
        "full",
        "real",
        "whole",
        "main",
        "early",
        "general",
        "certain",
        "single",
        "able",
        "sure",
        "right",
        "clear",
        "special",
        "empty",
        "public",
        "local",
        "little",
        "last",
        "past",
        "spare",
        "available",
        "mostly",
        "round",
        "spent",
        "warm",
        "fly",
        "ok",
        "okay",
        "behind",
        "green",
        "live",
        # Scored as praise ("a crushing win"), but said of bills it is hardship: see CUES.
        "crushing",
    }
)

NEGATORS = frozenset({"not", "never", "no", "nobody", "hardly", "without", "nothing"})


@dataclass(frozen=True)
class Cue:
    """A phrase pattern with its weight; note is what an officer sees when it fires."""

    pattern: str
    weight: float
    note: str
    negatable: bool = False
    # A complaint cue is dropped after a negation ("not a waste of money") unless it says so:
    # "no dentist in the whole city" is no less a complaint for its "no".
    kept_after_negation: bool = False


# Order matters: earlier (more specific) cues claim their words before later ones are looked
# for. Weights are round numbers on purpose; they were set on the development half only.
CUES: tuple[Cue, ...] = (
    # Praise phrased with a negation, and sarcasm, before the plain words they contain.
    Cue(
        r"can ?not thank \w+ enough|could ?not (?:have )?(?:asked for|fault)|can ?not fault"
        r"|(?:no|nothing) (?:was )?too much trouble|not (?:a|such a) waste"
        r"|never (?:looked|been|felt|seen it) (?:better|nicer|cleaner|safer|so good)"
        r"|(?:have|has|had) not had (?:any|much) (?:trouble|bother|problems?)"
        r"|no (?:more )?(?:litter|trouble|bother|problems?) (?:now|since|any ?more)"
        r"|no (?:complaints|issues)|can ?not complain|could ?not be (?:nicer|kinder|better"
        r"|more helpful)|could ?not (?:have )?(?:manage|managed|cope|coped) without"
        r"|(?:nobody|no one) makes you feel|not a number",
        0.6,
        "praise despite a negation",
    ),
    # Residents' own words of praise, which TextBlob does not know.
    Cue(
        r"life ?savers?|godsend|lifeline|salt of the earth|done wonders|(?:real|great) asset"
        r"|smashin[g']?|lush|chuffed|fair play|spot on|top (?:people|notch)|mint|ace|fab",
        0.5,
        "praise in residents' words",
    ),
    Cue(
        r"thanks? (?:you )?for nothing|yeah,? right(?=\s*(?:$|[.!,]))"
        r"|like that'?(?:ll| will) (?:ever )?happen|(?:^|\blol\b)\W*as if"
        r"|shame (?:about|nobody|no one|they|it)|as usual|know best",
        -1.0,
        "sarcasm",
    ),
    Cue(
        r"^\W*(?:oh,? )?(?:great|brilliant|fantastic|lovely|wonderful|perfect|marvellous"
        r"|super|nice one)\s*[,.!]+[^.!?]*\b(?:another|again|yet more)\b",
        -1.2,
        "sarcasm (praise word opening a complaint)",
    ),
    Cue(
        r"\boh,? wait\b|yeah,? because|there'?s always money for|(?:^|[.!] )\W*(?:oh,? )?"
        r"(?:great|brilliant|lovely|love|amazing|nice|good|wonderful|fantastic|superb|cheers"
        r"|thanks|well done)\b[^.!?]*\b(?:another|again|only \w+ (?:weeks?|days?|months?) late"
        r"|number \d+|in the queue|fly[- ]?tipp\w*|potholes?|that'?(?:ll| will) pay)"
        r"|(?:great|brilliant|good|genius) idea[^.!?]*\bwhen\b|if you(?:'re| are) lucky"
        r"|if you (?:like|enjoy|love)|just what (?:we|i|everyone) (?:needed|need|wanted)",
        -1.0,
        "sarcasm (praise for a problem)",
    ),
    # Complaints.
    Cue(
        r"nothing (?:ever |really |much )?(?:changes|changed|happens|happened|improves"
        r"|gets? done|(?:is|was|has been) done|else|(?:is |was )?available|left)",
        -0.5,
        "nothing changes",
    ),
    Cue(
        r"(?:no one|nobody) (?:ever |really )?(?:listens|listened|cares|cared|bothers|answers"
        r"|comes|came|uses|knows)",
        -0.5,
        "no one listens",
    ),
    Cue(r"(?:what'?s|what is|whats) the point|no point", -0.5, "what's the point"),
    Cue(r"(?:a|an) (?:\w+ )?joke\b|\bjoke\b", -0.6, "a joke"),
    Cue(r"(?:waste|waist) of (?:money|time|space|effort|paper)", -0.6, "waste of money"),
    Cue(
        r"(?:waiting|waited|wait) (?:for )?(?:weeks|months|years|ages|forever)"
        r"|(?:weeks?|months?|years?) (?:on|of) (?:the |a )?waiting"
        r"|\bwaiting list|still (?:waiting|not|no|nothing)"
        r"|(?:takes?|took|taking) (?:\w+ )?(?:ages|weeks|months|years|hours|forever)",
        -0.4,
        "kept waiting",
    ),
    Cue(
        r"fed up|sick (?:and tired )?of|had enough|at the end of (?:my|our) tether", -0.5, "fed up"
    ),
    Cue(
        r"rip[- ]?off|extortionate|daylight robbery|scandal\w*|disgrace\w*|shambles|shameful"
        r"|diabolical|atrocious|pathetic|rubbish|nightmare|crippling|unacceptable|ridiculous"
        r"|useless|killing us|out of control|no way to live|death trap|dreading",
        -0.5,
        "strong complaint word",
    ),
    Cue(
        r"(?:can ?not|unable to|could ?not|struggl\w+ to) (?:even |really )?(?:afford|cope|pay"
        r"|manage|play|walk|see|make ends meet|get (?:a|an|to|through|seen|in))",
        -0.4,
        "cannot afford or get",
    ),
    Cue(
        r"crushing|drowning|sinking|buried in|breaking point|barely (?:cope|coping|manage"
        r"|managing|keep|keeping|surviving|scraping)|scraping by",
        -0.5,
        "overwhelmed",
    ),
    Cue(r"struggl\w+|skipping meals|go(?:ing)? without|prey on", -0.3, "struggling"),
    # Hardship stated flatly, with no negative word: "we only heat the front room".
    Cue(
        r"only (?:heat|eat|have|get|got|use|runs?|come|\u00a3?\d)\w*|online only|main meal"
        r"|sleeps? (?:on the (?:sofa|floor|stairs)|in (?:\w+ )?coats)|hot water bottle"
        r"|(?:runs?|ran) out|borrow\w*|sold (?:my|our)|\bowe\b|(?:get|gets|got) nothing"
        r"|leftovers|what do we get|arrears|in debt|behind (?:on|with)|pay ?day loans?"
        r"|(?:\d+|two|three|four|five|six|seven) of us in|broken into|nicked|stolen|stabbed"
        r"|burgled|(?:for|in) the first time|never thought|whatsoever|used to be|sanctioned"
        r"|choose between|on hold|in the queue|gone up|up again|through the roof|tripled|doubled"
        r"|(?:had to|went to|go to|going to|rely on|using) (?:go )?(?:to )?(?:the )?food ?bank"
        r"|still there|nowhere else|skint|drug den|throwing stones|whole (?:city|town|area)"
        r"|\bno (?:dentists?|doctors?|gps?|police|bus(?:es)?|youth clubs?|shops?)\b"
        r"|(?:can ?)?never (?:get|got) (?:through|an? appointment|seen)|never have\b"
        r"|waiting for (?:a|an|my|our|his|her) (?:place|appointment|operation|repair|assessment)"
        r"|since (?:january|february|march|april|june|july|august|september|october|november"
        r"|december|christmas|easter|the summer)"
        r"|(?:been|was|is) (?:out|off|shut) since|never had (?:a|any) (?:reply|response|answer)",
        -0.3,
        "hardship stated flatly",
        kept_after_negation=True,
    ),
    Cue(
        r"forgotten|left behind|ignored|abandoned|let down|left to rot|fobbed off"
        r"|round in circles|pillar to post|\bstuck\b",
        -0.5,
        "left behind",
    ),
    Cue(
        r"scared|frightened|afraid|terrified|intimidat\w+|unsafe|not safe|dangerous", -0.4, "afraid"
    ),
    Cue(
        r"never (?:once |ever )?(?:turns? up|comes?|came|on time|answers?|answered|there"
        r"|open|see|seen|knocked|hear|heard|bothered)",
        -0.4,
        "never turns up",
    ),
    Cue(
        r"cancelled|cut off|cut back|\bcuts\b|(?:was|were|got|been) cut|closed down|shut down"
        r"|sold off|boarded up|(?:gone|going|went) downhill|taken away|(?:closed|shut) (?:the|our)",
        -0.4,
        "cut or closed",
    ),
    Cue(
        r"\b(?:no|not much|not any|little|of no) (?:help|support|response|reply|answer|use|care"
        r"|one|way)\b|non[- ]?existent",
        -0.4,
        "no help",
    ),
    Cue(
        r"(?:not|never|still not) (?:been )?(?:fixed|sorted|repaired|resolved|dealt with)",
        -0.4,
        "not fixed",
    ),
    Cue(r"(?:got|get|getting) nowhere|nowhere (?:to go|for|else)", -0.4, "nowhere"),
    Cue(
        r"same old|empty promises|heard it all before|all talk|tick[- ]?box|talking shop",
        -0.4,
        "heard it before",
    ),
    Cue(
        r"(?:another|yet another) (?:survey|consultation|questionnaire)",
        -0.4,
        "consultation fatigue",
    ),
    Cue(r"not (?:\w+ )?enough|nowhere near enough", -0.4, "not enough"),
    Cue(
        r"too (?:expensive|slow|dear|far|much|many|long)|so (?:expensive|slow|dear|far)"
        r"|costs? too",
        -0.3,
        "too much",
    ),
    Cue(
        r"should not (?:have to|need to|be (?:allowed|happening|like this))",
        -0.5,
        "should not have to",
    ),
    Cue(r"freezing|rotten|filthy|falling apart", -0.3, "in bad repair"),
    Cue(
        r"(?:gone|going|goes|put|went) up (?:again|every)|(?:keeps?|keep) going up",
        -0.3,
        "prices rising",
    ),
    Cue(
        r"(?:nothing|nowhere) (?:to do|for (?:the )?(?:kids|young|us|them|teenagers|teens|children"
        r"|youngsters))",
        -0.4,
        "nothing for the kids",
    ),
    Cue(r"(?:do|does|did) not (?:help|work|listen|care)", -0.4, "does not help"),
    Cue(r"\bdisagree|(?:do|does) not agree|against (?:this|the plan|these)", -0.4, "disagrees"),
    Cue(
        r"\b(?:rats|mice|cockroaches|mould|mold|damp|leaking|dripping|fly[- ]?tipp\w*"
        r"|dog (?:mess|poo|fouling)|litter|graffiti|vandal\w*|drug dealing|speeding|potholes"
        r"|broken glass)\b",
        -0.15,
        "problem named",
    ),
    Cue(
        "[\U0001f620\U0001f621\U0001f92c\U0001f44e\U0001f61e\U0001f622\U0001f62d\U0001f612"
        "\U0001f644\U0001f92e]",
        -0.4,
        "unhappy emoji",
    ),
    # Praise.
    Cue(
        "[\U0001f600-\U0001f60d\U0001f642\U0001f44d\U0001f44f\u2764\U0001f64f\U0001f970]",
        0.4,
        "happy emoji",
    ),
    Cue(r"thank(?:s| ?you)|cheers|grateful|appreciate\w*|thankful", 0.4, "thanks", True),
    Cue(
        r"made (?:a |such a |all the )?(?:real |huge |big |massive |world of )?difference"
        r"|makes? (?:a |such a )?(?:real |huge |big )?difference|changed (?:my|our|his|her|their)"
        r" li(?:fe|ves)",
        0.5,
        "made a difference",
        True,
    ),
    Cue(
        r"lifeline|godsend|heroes|\bhero\b|first class|spot on|\bace\b|\bfab\b|top notch"
        r"|second to none|above and beyond|\bchampion\b|highlight of|heart of|\bangel\b"
        r"|dead (?:useful|good|nice|handy|helpful)",
        0.5,
        "strong praise word",
        True,
    ),
    Cue(
        r"well done|good work|great work|keep (?:it )?up|hats off|credit to|thrilled|chuffed"
        r"|delighted",
        0.5,
        "well done",
        True,
    ),
    Cue(
        r"(?:really |so |a (?:huge |big |great |real )?)?help(?:ed|ful)\b|a (?:huge |big |great"
        r" |real )help",
        0.4,
        "helped",
        True,
    ),
    Cue(
        r"(?:feel|feels|felt) (?:much |a lot |so )?(?:safer|safe|welcome|at home|listened to"
        r"|valued|part of)",
        0.4,
        "feel safe or welcome",
        True,
    ),
    Cue(
        r"improved|improvement|(?:much|so much|a lot|far) (?:better|nicer|cleaner|safer|easier"
        r"|warmer)|\b(?:safer|cleaner|warmer|easier)\b"
        r"|(?:bills?|prices?|costs?|rents?) (?:have |has )?(?:come|came|gone) (?:right )?down",
        0.3,
        "improved",
        True,
    ),
    Cue(
        r"(?:i|we) (?:fully |strongly |totally |really )?(?:support|agree|back)\b"
        r"|fully support|in favour|^\W*agree\b|agree with (?:all|this|the|these|everything)"
        r"|sounds (?:sensible|good|great|like a good)|what \w+ needs",
        0.4,
        "agrees",
        True,
    ),
    Cue(
        r"\b(?:i|we|they|he|she|kids|children) (?:really |all )?(?:like|love|enjoy)\b|\bloves\b"
        r"|\benjoys\b",
        0.4,
        "likes it",
        True,
    ),
    Cue(
        r"saved (?:us|me|my|our)|better off|looks? forward|staying open|open again|reopen\w*"
        r"|coming back|(?:gave|given|giving) (?:me|him|her|them|us) (?:\w+ )?(?:confidence"
        r"|independence|hope)",
        0.3,
        "good news",
        True,
    ),
    Cue(r"welcoming|polite|caring|really care|straight away|sorted", 0.3, "kind service", True),
    Cue(r"worth (?:it|every penny|the money)|money well spent", 0.4, "worth it", True),
)
