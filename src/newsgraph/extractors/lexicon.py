"""Word lists the rule-based extractors share: reporting verbs, titles, pronouns, groups.

The lists are written by hand from general English usage in news (not from any evaluation
text); the reporting verbs follow the usual news attribution lexicons (Krestel et al. 2008,
the Gender Gap Tracker's list), grouped by how they take their content.
"""

from __future__ import annotations

# Verbs that introduce what someone said or wrote; they take a clause ("said that ...") or a
# quotation. Lemmas.
SPEECH_VERBS = frozenset(
    """
        say tell add note state claim argue explain insist warn report announce declare write
        comment remark observe acknowledge admit concede confirm deny reply respond answer
        retort ask suggest recall stress emphasize emphasise predict caution contend maintain
        assert allege complain testify tweet post agree disagree reiterate repeat quip joke
        boast estimate conclude tout vow promise pledge threaten urge recommend propose question
        counter dispute rebut mention point indicate reveal disclose divulge concede lament muse
        speculate hint charge accuse blast slam criticize criticise praise declare proclaim
        shout scream yell cry whisper mutter sigh laugh write text email describe characterize
        characterise acknowledge add continue go summarize summarise clarify elaborate concur
        assure reassure inform advise notify announce brief recount relate narrate stipulate
        share offer
    """.split()
)

# Verbs of finding and showing that news attributes like speech ("the study found that",
# "the report estimates that"). They count only with a clausal complement.
EVIDENCE_VERBS = frozenset(
    """
    find show suggest indicate demonstrate reveal estimate calculate predict project forecast
    conclude rule
    """.split()
)
# Verbs of private belief ("he thinks", "she feared") are not statements: nobody said
# anything. They count only when the content quotes the person's words ("He considers the
# meeting a “preliminary” get-together").
BELIEF_VERBS = frozenset(
    """
    think believe feel consider hope fear worry doubt know understand reckon expect view
    regard see
    """.split()
)

# Verbs of intention: what someone wants, plans or commits to ("wants to run", "plans a
# vote", "vowed to fight"). The commissive speech verbs (vow, promise, pledge, threaten)
# count as intentions when what follows is a plan ("vowed to fight"), as speech when it is a
# clause or a quotation ("vowed that ...").
INTENTION_VERBS = frozenset(
    """
    want plan intend aim seek wish desire try attempt strive decide refuse
    """.split()
)
COMMISSIVE_VERBS = frozenset("vow promise pledge threaten".split())

# Attribution kinds (SCHEMA.md `kind`): what a cue tells of its source. Speech is the
# default; a cue of private belief is a belief; a finding of a poll, a study or a document
# is evidence; a plan is an intention; any other cue with a phrase for content (supports X,
# called for X, criticised X, urged X to ...) is a stance.
KIND_SPEECH, KIND_BELIEF, KIND_STANCE, KIND_INTENTION, KIND_EVIDENCE = (
    "speech", "belief", "stance", "intention", "evidence",
)
ATTRIBUTION_KINDS = (KIND_SPEECH, KIND_BELIEF, KIND_STANCE, KIND_INTENTION, KIND_EVIDENCE)

# Verbs that report a label someone gave ("called him a “chicken”"): the quoted words are
# the statement.
NAMING_VERBS = frozenset("call describe label dub brand term".split())

CUE_VERBS = SPEECH_VERBS | EVIDENCE_VERBS | BELIEF_VERBS | NAMING_VERBS

# Verbs that read as speech only with a quotation or a clause, never with a plain object
# ("he added salt", "she went home", "it continued").
WEAK_CUES = frozenset(
    """
    add go continue point charge post text find show project rule share offer
""".split()
)

# Cue verbs that may take a plain noun-phrase object as content when the object is
# clause-like or quoted ("disputes the notion that ...", "called it a 'disaster'").
NP_CONTENT_CUES = frozenset(
    """
        dispute deny question reject consider call describe characterize characterise blast slam
        criticize criticise praise predict announce confirm acknowledge
    """.split()
)

# Particles that belong to a phrasal cue ("pointed out", "went on", "shot back").
CUE_PARTICLES = {
    "point": "out",
    "go": "on",
    "shoot": "back",
    "fire": "back",
    "lay": "out",
    "spell": "out",
    "hit": "back",
    "write": "back",
}

# Personal pronouns that can be a speaker, with the gender they carry.
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
PLURAL_PRONOUNS = frozenset({"they", "them", "we", "us"})
FIRST_PERSON = frozenset({"i", "me", "we", "us", "my", "our"})

HONORIFIC_GENDER = {
    "mr": "m",
    "mr.": "m",
    "sir": "m",
    "lord": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "miss": "f",
    "madam": "f",
    "dame": "f",
    "lady": "f",
}

# Nouns that say a person's sex ("the mother", "chairwoman", "his wife, Ana"): the gender
# a nominal speaker must agree with ("the spokeswoman said"), and evidence of a person's
# gender when the noun is said of them (a title, an apposition, a description resolved to
# them). Words used of either sex ("spokesperson", "chair", "partner") are not here.
FEMALE_NOUNS = frozenset(
    """
        spokeswoman chairwoman congresswoman councilwoman assemblywoman alderwoman
        businesswoman sportswoman policewoman anchorwoman countrywoman committeewoman
        woman mother daughter wife sister actress queen princess duchess countess baroness
        empress grandmother granddaughter aunt niece widow girlfriend stepmother stepdaughter
        mom mum matriarch heiress nun fiancee fiancée girl lady waitress hostess
    """.split()
)
MALE_NOUNS = frozenset(
    """
        spokesman chairman congressman councilman assemblyman alderman businessman sportsman
        policeman anchorman countryman committeeman
        man father son husband brother king prince duke emperor baron grandfather
        grandson uncle nephew widower boyfriend stepfather stepson dad patriarch monk
        fiance fiancé boy gentleman
    """.split()
)

# Source gender (``source_gender.py``): how much of a given name's bearers must share one
# sex, and how many bearers the name must have, before the name alone says a person's
# gender (SSA counts, ``data/given_names.tsv.gz``); below either, the name says nothing.
GIVEN_NAME_MIN_SHARE = 0.95
GIVEN_NAME_MIN_COUNT = 500
# Weights of the article's own evidence; one side must outweigh the other this many times.
GENDER_WEIGHTS = {"honorific": 5.0, "noun": 3.0, "pronoun": 1.0}
GENDER_MARGIN = 2.0

# Nouns that denote a person (for nominal speakers: "the expert said", "the official added").
PERSON_NOUNS = frozenset(
    """
        expert analyst official spokesman spokeswoman spokesperson minister president leader
        governor senator representative congressman congresswoman lawmaker legislator mayor
        director chairman chairwoman chair chief executive ceo founder author researcher
        scientist professor economist strategist adviser advisor aide diplomat ambassador
        secretary commissioner candidate nominee judge lawyer attorney prosecutor officer
        detective sergeant lieutenant captain general colonel admiral commander doctor physician
        nurse teacher student resident owner manager man woman source observer witness victim
        mother father son daughter wife husband sister brother activist organizer organiser
        coach player reporter journalist editor columnist pollster historian fellow scholar head
        deputy premier chancellor king queen prince princess pope bishop priest pastor rabbi
        imam sheriff chief councillor councilor councilman councilwoman trustee superintendent
        principal inspector consultant engineer architect designer developer entrepreneur
        investor banker broker trader farmer worker employee staffer operative campaigner
        protester protestor voter resident neighbour neighbor friend colleague partner publicist
        agent producer director actor actress singer artist musician writer poet novelist
        filmmaker critic commentator host anchor presenter
    """.split()
)

# Words that, as the head of a pre-modifier or an apposition, make a job title.
TITLE_WORDS = frozenset(
    """
        president vice minister secretary premier chancellor governor mayor senator sen. rep.
        representative congressman congresswoman lawmaker leader chairman chairwoman chair
        chairperson director chief executive ceo cfo coo cto founder cofounder co-founder head
        spokesman spokeswoman spokesperson analyst expert fellow professor prof. researcher
        scientist economist strategist adviser advisor aide ambassador envoy diplomat
        commissioner judge justice attorney prosecutor lawyer general gen. colonel col.
        lieutenant lt. captain capt. admiral adm. commander sergeant sgt. officer inspector
        detective sheriff chief deputy assistant associate manager editor correspondent reporter
        columnist journalist anchor host producer coach owner partner president-elect king queen
        prince princess pope bishop archbishop cardinal rabbi imam reverend rev. pastor priest
        councillor councilor councilman councilwoman alderman trustee superintendent principal
        dean provost rector lecturer consultant officer commander candidate nominee speaker whip
        treasurer comptroller auditor registrar clerk administrator coordinator organizer
        organiser founder member delegate officer cpl corporal pte lt sgt maj co-owner
        cofounder vp svp evp
    """.split()
)

# Last words that make a capitalised phrase a job title, not a name ("Chief Product Officer",
# "Design Lead"); titles that are also surnames or given names (Dean, Major, King) left out.
TITLE_END_WORDS = frozenset(
    """
    officer lead director manager president chairman chairwoman chairperson ceo cfo coo cto
    founder co-founder cofounder owner co-owner editor head chief secretary minister
    spokesperson spokesman spokeswoman analyst correspondent reporter vp svp evp
    """.split()
)

# Plural or collective nouns: a speaker headed by one of these is a group, not a person.
GROUP_NOUNS = frozenset(
    """
        experts analysts officials sources observers critics people residents voters members
        authorities police investigators researchers scientists economists lawmakers leaders
        witnesses protesters activists organizers organisers officers diplomats reports polls
        studies surveys documents records data figures statistics numbers others some many both
        all few several most supporters opponents republicans democrats conservatives liberals
        americans canadians
    """.split()
)

# Organisation-like common nouns that speak ("the ministry said", "the company said").
ORG_NOUNS = frozenset(
    """
        ministry department agency company firm government council committee commission court
        board bank university institute office police party campaign administration organization
        organisation group union association federation embassy military army navy agency
        service network newspaper paper magazine website site report study poll survey statement
        release authority operator utility airline carrier retailer manufacturer insurer
        regulator watchdog tribunal city town county province municipality district school
        hospital club team league station broadcaster publisher developer provider charity
        foundation office
    """.split()
)

# Function words ignored when comparing names.
NAME_STOPWORDS = frozenset({"the", "of", "and", "a", "an"})

# Words that never begin a person's name, even when the tagger puts them inside a PERSON span.
NOT_NAME_START = frozenset(
    """
        mr mr. mrs mrs. ms ms. dr dr. prof prof. sen sen. rep rep. gov gov. gen gen. president
        minister secretary leader chairman director senator governor mayor premier chancellor
        king queen prince princess pope sir dame lord lady judge justice officer chief deputy
        former late then-president then
    """.split()
)

# Weekdays end a name ("Trump Tuesday"); months don't (Theresa May, April Ryan).
CALENDAR_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday
""".split()
)

# Lower-case words inside a person's name ("Ludwig van Beethoven", "Ibn al-Khattab").
NAME_PARTICLES = frozenset(
    """
    de da di del della der van von bin ibn al el la le du dos das
""".split()
)

# Organisation words followed by a number that belongs to the name ("Teamsters Local 120").
NUMBERED_ORG_WORDS = frozenset(
    """
    local chapter district division unit lodge post precinct battalion regiment squadron
    brigade company platoon station ward
""".split()
)

# Last words of organisation, institution, event and facility names: a name ending in one
# is no person ("Dana Hill High School", "Davis Cup", "Smith Foundation"). Words that are
# also common surnames (Park, Hall, King) are left out.
ORG_HEAD_WORDS = frozenset(
    """
    inc inc. corp corp. corporation co co. ltd ltd. llc plc gmbh company companies group
    holdings partners foundation institute institution university college school academy
    center centre bank fund trust association society council committee commission party
    union federation confederation alliance coalition league club team fc cup championship
    championships tournament open games olympics series festival awards award prize museum
    gallery library hospital clinic church mosque synagogue temple cathedral agency
    department ministry office bureau board authority service services administration
    network news times post journal herald tribune gazette daily magazine press radio tv
    television channel studios records airlines airways airport station hotel restaurant
    cafe bar bridge stadium arena theatre theater avenue street road highway boulevard
    square county city town village province state district region republic kingdom
    empire island islands river mountains valley bay coast beach lab labs laboratory
    project program programme initiative movement campaign court tribunal parliament
    congress senate assembly government army navy force forces police guard corps
    events consultants consulting planners designs collection studio productions
    associates solutions technologies systems media entertainment ventures capital
    """.split()
)

# A name after one of these prepositions is in a place slot ("in Paris", "near Vladivostok").
# Not "to" and "from": people are spoken to and heard from.
PLACE_PREPS = frozenset(
    """
    in at near across throughout outside inside into via
""".split()
)
# Travel verbs whose object is a place ("visited Vladivostok").
PLACE_VERBS = frozenset(
    """
    visit leave reach tour enter revisit
""".split()
)

# Words after a hyphen that make a name into an adjective ("Trump-backed", "Seoul-based"):
# the name does not run on over them.
HYPHEN_SUFFIXES = frozenset(
    """
    based backed led owned run born bred made style like era related linked funded appointed
    allied affiliated aligned friendly free inspired sponsored controlled leaning esque ish
    era dominated centric focused bound area wide
""".split()
)

MONTHS_DAYS = CALENDAR_WORDS | frozenset(
    """
    january february march april may june july august september october november december
""".split()
)

# Nouns after a possessive name that make it an eponym, not a person in the story
# ("Parkinson's disease", "Moore's law", "Murphy's law").
EPONYM_NOUNS = frozenset(
    """
    disease diseases syndrome disorder law principle theorem rule paradox effect
""".split()
)

# Kinds of person nouns: "the expert" is a fair description of an analyst or a research
# fellow, "the official" of a spokesperson or a minister, "the player" of a forward.
_KINDS = {
    "expert": """expert analyst specialist scholar researcher fellow professor economist
        strategist scientist academic observer commentator historian""",
    "official": """official spokesman spokeswoman spokesperson minister secretary
        commissioner director administrator officer aide adviser advisor""",
    "politician": """politician lawmaker legislator senator congressman congresswoman
        representative mp mla mpp councillor councilor""",
    "player": """player forward defenceman defenseman goalie goaltender striker midfielder
        defender quarterback pitcher winger centre center guard""",
    "executive": """executive ceo cfo coo founder cofounder co-founder chairman chairwoman
        president owner""",
    "lawyer": "lawyer attorney counsel prosecutor barrister solicitor",
    "doctor": "doctor physician surgeon psychiatrist pediatrician paediatrician nurse",
}
DESCRIPTION_KINDS = {w: kind for kind, ws in _KINDS.items() for w in ws.split()}

# Nouns for what a person does that TITLE_WORDS and PERSON_NOUNS leave out: occupations
# and sports positions ("Quarterback Tom Brady", "cinematographer Jaffe Zinn").
ROLE_NOUNS = frozenset(
    """
    quarterback pitcher catcher shortstop outfielder infielder linebacker receiver
    running back tight end goalie goaltender goalkeeper striker midfielder defender
    defenceman defenseman winger forward centre center guard captain skipper coach
    referee umpire jockey driver cyclist swimmer sprinter athlete philosopher physician
    dietitian nutritionist cinematographer documentarian filmmaker photographer
    journalist singer songwriter rapper dancer comedian chef cook poet playwright
    screenwriter novelist designer architect surgeon dentist pharmacist therapist
    psychologist psychiatrist veterinarian paramedic firefighter soldier pilot mechanic
    plumber electrician carpenter farmer rancher teacher professor lecturer scholar
    historian economist scientist researcher engineer programmer analyst consultant
    accountant banker investor entrepreneur activist organizer volunteer spokesperson
    attorney lawyer judge prosecutor detective officer trooper deputy sheriff chief
    editor producer director author writer host anchor correspondent columnist critic
    co-author co-founder co-director co-producer co-writer co-owner co-host co-chair
    planner
    """.split()
)

# Verbs of a relative clause that state a role ("who heads the Y Group"): verb -> title.
ROLE_VERBS = {
    "head": "head",
    "lead": "leader",
    "run": "head",
    "chair": "chair",
    "direct": "director",
    "manage": "manager",
    "found": "founder",
    "co-found": "co-founder",
    "own": "owner",
    "coach": "coach",
}

# Endings of agent nouns (a person who does something: "accountant", "planner").
AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "ee", "eur", "ic", "ess", "man", "woman")


def is_role_word(low: str) -> bool:
    """A noun for what a person does: a title, a listed role noun ("quarterback",
    "cinematographer"), or an agent noun by its ending ("planner", "dietitian")."""
    last = low.split("-")[-1]  # "co-author", "co-founder"
    return (
        last in TITLE_WORDS
        or last in ROLE_NOUNS
        or last in PERSON_NOUNS
        or (len(last) > 4 and last.endswith(AGENT_ENDINGS) and last not in ORG_HEAD_WORDS)
    )

# Social networks and platforms named in nearly every page ("follow us on Twitter"), which
# the tagger takes for people; never a person's name.
PLATFORMS = frozenset(
    """
    twitter facebook instagram youtube tiktok linkedin snapchat reddit whatsapp telegram
    pinterest threads bluesky mastodon tumblr spotify netflix google android iphone ipad
    """.split()
)

# Last words that make a name an institution or a competition, whatever the rest of it
# looks like ("Dana Hill High School", "Davis Cup"): never a surname.
INSTITUTION_WORDS = frozenset(
    """
    school university college academy institute hospital clinic council committee
    commission agency ministry department corporation inc inc. ltd ltd. llc plc gmbh
    association foundation federation confederation cup championship championships
    tournament league party union museum library airport stadium arena
    """.split()
)


def is_listed_role(low: str) -> bool:
    """A title or role noun from the lists only (no guess from the word's ending: "Taylor"
    and "Rainer" are given names)."""
    last = low.split("-")[-1].rstrip(".")
    return last in TITLE_WORDS or last in ROLE_NOUNS or last in PERSON_NOUNS

# Reporting verbs whose subject is evidence of someone who speaks (for entity typing): not
# the weak ones, whose subjects are as often things ("shares rose", "Earworks offered").
SPEAKING_VERBS = CUE_VERBS - WEAK_CUES
