"""The words events are found by, as data: triggers per type (``shared/EVENTS.md``), the
support verbs of noun triggers, the words that make an event planned, failed, negated,
hypothetical or generic, and the codes of the political-event ontologies.

Written from the guideline's types and general English usage, not from development
sentences; ``docs/events.md`` says how each list is used.
"""

from __future__ import annotations


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


def _table(**types: str) -> dict[str, str]:
    return {w: t for t, ws in types.items() for w in ws.split()}


# ---------------------------------------------------------------- types and codes

TYPES = (
    "meeting visit talks agreement election sanction protest attack arrest appointment deadline"
).split()

# PLOVER category / CAMEO code of each type (EVENTS.md), None where neither has one.
CODES: dict[str, str | None] = {
    "meeting": "CONSULT/04",
    "visit": "CONSULT/042",
    "talks": "CONSULT/046",
    "agreement": "AGREE/057",
    "election": None,
    "sanction": "SANCTION/16",
    "protest": "PROTEST/14",
    "attack": "ASSAULT/18",
    "arrest": "COERCE/173",
    "appointment": None,
    "deadline": None,
}
# Finer CAMEO codes by trigger lemma: conventional military force is 19, not 18.
CODE_BY_LEMMA: dict[str, str] = {
    lemma: "ASSAULT/19" for lemma in "invade invasion battle war rising offensive".split()
}

# ---------------------------------------------------------------- verb triggers

# lemma -> type, for verbs that name the event by themselves.
VERB_TRIGGERS: dict[str, str] = _table(
    meeting="meet convene summon host",
    visit="visit tour",
    talks="negotiate",
    agreement="acquire buy purchase merge partner settle ratify",
    election="elect reelect re-elect",
    sanction="sanction fine penalize penalise embargo",
    protest="protest demonstrate rally march boycott picket",
    attack="attack kill shoot stab bomb invade assault murder wound tackle ambush",
    arrest="arrest detain charge convict sentence indict capture imprison jail",
    appointment="appoint nominate hire resign succeed recruit",
)

# Verbs that are triggers only with a particle or a preposition: (lemma, word) -> type.
# "travelled to Africa", "stepped down", "pleaded guilty", "ran for president".
VERB_WITH: dict[tuple[str, str], str] = {
    ("travel", "to"): "visit",
    ("fly", "to"): "visit",
    ("head", "to"): "visit",
    ("detour", "to"): "visit",
    ("arrive", "in"): "visit",
    ("arrive", "at"): "visit",
    ("fly", "here"): "visit",
    ("travel", "here"): "visit",
    ("come", "here"): "visit",
    ("step", "down"): "appointment",
    ("step", "aside"): "appointment",
    ("plead", "guilty"): "arrest",
    ("run", "for"): "election",
    ("run", "against"): "election",
    ("combine", "with"): "agreement",
    ("sign", "with"): "agreement",
    ("extend", "to"): "deadline",
    ("extend", "until"): "deadline",
    ("agree", "to"): "agreement",
    ("agree", "with"): "agreement",
    ("agree", "on"): "agreement",
    ("meet", "with"): "meeting",
    ("catch", "up"): "meeting",
    ("take", "office"): "appointment",
    ("join", "board"): "appointment",
    ("leave", "office"): "appointment",
    ("fire", "shots"): "attack",
    ("open", "fire"): "attack",
    ("exchange", "gunfire"): "attack",
    ("exchange", "shots"): "attack",
    ("impose", "sanctions"): "sanction",
    ("impose", "tariffs"): "sanction",
    ("win", "election"): "election",
    ("lose", "election"): "election",
    ("vote", "for"): "election",
}

# Appointment verbs whose object is a post or an organisation: "named X chief executive",
# "joined the company", "left Meta", "became ambassador".
POST_VERBS = _words("name become join leave depart quit fire dismiss oust replace promote")

# ---------------------------------------------------------------- noun triggers

NOUN_TRIGGERS: dict[str, str] = _table(
    meeting=(
        "meeting summit conference convention congress forum gathering session symposium "
        "expo dinner luncheon discussion call"
    ),
    visit="visit trip tour stop",
    talks="talks negotiation negotiations",
    agreement=(
        "agreement deal treaty accord pact settlement merger acquisition buyout takeover "
        "purchase partnership alliance compact arrangement contract"
    ),
    election="election vote referendum primary primaries race ballot reelection",
    sanction="sanctions sanction embargo tariffs tariff fine penalty penalties ban",
    protest=(
        "protest protests rally demonstration march strike boycott sit-in walkout vigil "
        "protester protesters demonstrator demonstrators"
    ),
    attack=(
        "attack shooting bombing stabbing invasion battle assault killing killings "
        "massacre airstrike shootout gunfire rising offensive ambush"
    ),
    arrest=(
        "arrest detention charge charges conviction sentence indictment capture "
        "imprisonment plea"
    ),
    appointment="appointment nomination resignation departure succession",
    deadline="deadline",
)
# Nouns that name an event only with a word of their kind in front or behind:
# "campaign stop", "town hall", "phone call", "police shooting" are covered by the noun;
# these need the modifier ("presidential race", "phone call").
NOUN_NEEDS_MODIFIER: dict[str, frozenset[str]] = {
    "race": _words("presidential senate gubernatorial mayoral congressional leadership house"),
    "call": _words("phone telephone conference video"),
    "stop": _words("campaign"),
    "session": _words("information negotiating bargaining emergency special"),
    "primary": _words("presidential republican democratic gop party"),
    "strike": _words("general hunger air military missile drone"),
    "ban": _words("travel"),
    "discussion": _words("panel round with between"),
    "dinner": _words("with between state"),
}
# Words in an event's own name ("Web Summit", "Republican National Convention").
NAMED_EVENT_WORDS: dict[str, str] = _table(
    meeting="summit conference convention congress forum expo fair festival week meeting",
    attack="rising uprising battle massacre attack bombing",
    election="election referendum primary",
    protest="march protest strike",
)

# Verbs through which the subject takes part in an event named by their object or
# prepositional object: "held talks", "paid a visit", "attended the summit", "spoke at a
# gathering", "reached a deal", "staged a protest", "filed charges".
SUPPORT_VERBS = _words(
    """
    hold have conduct pay make reach strike sign seal conclude finalize finalise complete
    close announce stage launch impose levy file attend host join lead organize organise
    address chair enter participate speak tell attend plan schedule set win lose call carry
    mount announce secure extract approve ink broker begin start open resume continue
    """
)
# Prepositions through which a verb's subject attends an event: "spoke at a gathering".
ATTEND_PREPS = _words("at to in during")
ATTEND_VERBS = _words("speak talk appear testify perform attend participate address")
# Verbs above a deal that report it as agreed: "announced it will combine with Udemy" is
# an agreement reached (the combination itself is to come).
REPORTING_VERBS = _words("announce say confirm report disclose unveil")

# ---------------------------------------------------------------- senses and context

# An attack trigger whose sense may be verbal ("attacked her opponent as a fraud") counts
# only with a word of violence nearby or a place as its object.
AMBIGUOUS_ATTACKS = _words("attack attacks assault strike hit fire tackle")
VIOLENCE_WORDS = _words(
    """
    gun guns gunman gunmen gunfire shot shots shooting shootings bomb bombs bombing
    bomber explosion explosive killed kill killing dead death deaths died wounded injured
    injuries soldier soldiers troops army military militants militant armed weapon weapons
    rifle shotgun knife stabbed stabbing police officers officer terrorist terror
    terrorists missile missiles rocket rockets airstrike invasion war battle casualties
    victim victims murder murdered hostage violent violence
    """
)
# Protest words that name a demonstration only with a cause: a campaign rally or a march
# into a room is none.
NEEDS_CAUSE = _words("rally march")
CAUSE_PREPS = _words("against for over outside in_support in_protest to")
CAUSE_VERBS = _words(
    "protest demand oppose support denounce condemn call urge save stop defend demonstrate "
    "mark honour honor remember"
)
PROTEST_WORDS = _words(
    "protest protester protesters demonstrator demonstrators activist activists strike "
    "striker strikers teacher teachers workers student students parents"
)
# Nouns of a case that name an arrest event only with the person charged.
CASE_NOUNS = _words("charge charges sentence plea conviction indictment")
# Charges that are criminal or civil cases, unlike fees ("a charge of $5").
CHARGE_CONTEXT = _words(
    """
    fraud murder assault robbery theft conspiracy prosecutors prosecutor prosecution
    police court counts count criminal civil complaint guilty indicted arrested attorney
    sec violation violations manslaughter trafficking laundering bribery corruption
    """
)
# Titles that present someone as running in an election ("presidential nominee X",
# "Green Party candidate Y"), unless they run for second place ("vice presidential
# nominee", "running mate").
CANDIDATE_TITLES = _words("candidate challenger frontrunner front-runner contender")
# "nominee" alone is also a nominee for a post ("Obama's nominee to the court").
NOMINEE_TITLES = _words(
    "presidential gubernatorial mayoral senate republican democratic gop libertarian green"
)
NOT_CANDIDATE_TITLES = _words("vice running mate court justice judge")
# Nouns that make the person owning them a candidate: "Clinton's campaign", "the Trump
# campaign", "Trump's running mate", "her rival".
CANDIDACY_NOUNS = _words("campaign candidacy bid rival opponent nomination ticket")
# Modifiers that make an election mention one specific vote: "the presidential election",
# "the general election", "Election Day".
SPECIFIC_ELECTIONS = _words(
    "presidential general federal provincial national state midterm municipal mayoral "
    "gubernatorial day this the"
)
# Verbs whose subject ran in the election named after "in": "won 21 seats in the election".
ELECTION_VERBS = _words("win lose run compete campaign stand contest finish")
ELECTION_OFFICES = _words(
    """
    president presidency office mayor governor senate senator congress house parliament
    seat prime minister leader leadership chair council premier
    """
)

# ---------------------------------------------------------------- status

FUTURE_AUX = _words("will 'll shall wo")
# Verbs that make the event they govern planned: "plans to visit", "is expected to sign",
# "scheduled a meeting", "promised to meet", "announced the summit".
PLANNED_GOVERNORS = _words(
    """
    plan schedule expect promise pledge set due prepare intend aim arrange propose
    vow agree invite slate
    """
)
# Adjectives and participles that make a noun event planned: "the upcoming summit".
# Nouns whose clause is a planned event: "his decision to leave Meta", "his nominee to
# replace Scalia".
PLANNED_NOUNS = _words("decision plan plans promise intention pledge offer nominee nomination")
# Modifiers that put a noun event in the past: "the recent election", "last year's summit".
PAST_MODIFIERS = _words("recent last previous past former earlier")
PLANNED_MODIFIERS = _words(
    "upcoming planned scheduled proposed future forthcoming coming pending expected next "
    "prospective"
)
# Verbs and adjectives that make the event they govern hypothetical: "considering a run",
# "hopes to meet", "could be arrested".
HYPOTHETICAL_GOVERNORS = _words(
    """
    consider hope want wish seek try threaten urge ask demand call suggest imagine
    fear risk push press propose weigh mull explore contemplate refuse decline
    """
)
HYPOTHETICAL_MODALS = _words("would could might may can should must ought")
# Nouns whose clause is a possibility, not a happening: "the probability that X will be
# attacked", "the prospect of talks".
HYPOTHETICAL_NOUNS = _words(
    "probability possibility chance risk likelihood threat fear prospect idea question hope "
    "danger prospects odds"
)
CONDITIONAL_MARKS = _words("if unless whether")
# Verbs that make the event they govern failed: "the talks collapsed", "cancelled the
# sessions", "the treaty fell apart".
FAILED_GOVERNORS = _words(
    """
    cancel collapse fail scrap abandon postpone suspend derail scuttle sink torpedo kill
    reject block veto halt
    """
)
FAILED_PARTICLES: dict[str, str] = {"fall": "apart", "break": "down", "call": "off"}
FAILED_MODIFIERS = _words("failed cancelled canceled aborted collapsed abortive")
NEGATIONS = _words("not n't never no without")
# Adverbs of habit: "often meets", "regularly visits".
HABITUAL = _words("often usually regularly routinely always frequently typically sometimes")
GENERIC_DETERMINERS = _words("any every each such no")
# Plural triggers that name one happening ("talks", "sanctions"), unlike "agreements".
PLURAL_SINGULARS = _words(
    "talks negotiations sanctions tariffs charges penalties primaries protests protesters "
    "demonstrators killings"
)
# Verbs through which one event produces another: "the meeting did produce an agreement",
# "negotiations that resulted in an agreement": the product shares their arguments.
PRODUCE_VERBS = _words("produce yield result lead bring end conclude culminate")

# ---------------------------------------------------------------- dates and places

# Prepositions that put a place under an event ("in Lisbon", "at the Sunnylands estate");
# "to" only for visits.
PLACE_PREPS_EVENT = _words("in at near outside inside")
# Prepositions that carry an event's participants: "summit between X and Y", "talks with
# Y", "acquisition of Y", "charges against X", "attack by X".
PARTICIPANT_PREPS = _words("with between of by against among from")
DATE_PREPS = _words("on in during since at until by before after")
