"""The pre-labeller's rules: one function per question, each returning a label and the reason.

Each rule is small and tested on its own (tests/test_rules.py), and every word list is a data
file in ``data/lexicon/``, so a teacher can read why a suggestion was made and correct it:

- :func:`find_attribution` finds a cue anywhere in the sentence (leading "Officials said ...",
  middle, trailing "..., analysts say.", "according to", "told VOA", "per") and the words it
  points to;
- :func:`classify_speaker` maps those words to a source by the speaker's title and organisation
  ("Foreign Ministry spokesperson Mao Ning" -> GOVERNMENT of China), never by which country the
  sentence happens to mention, and remembers people introduced earlier in the same story;
- :func:`suggest_statement_type`, :func:`suggest_source` and :func:`suggest_check_worthy` decide
  the three questions in the codebook's order;
- :func:`standing_fact` tells background that is simply still true ("Indonesia has around 130
  active volcanoes.") from the news, by the tense of the main verb, using the part-of-speech
  tagger that ships inside the maintained TextBlob package (its lexicon is in the wheel, so it
  works offline);
- :func:`evaluative_words` finds the writer's own judging words outside quotation marks, from
  VADER's maintained sentiment lexicon (the ``vaderSentiment`` package) and the project's framing
  list, less the event words news uses neutrally (``neutral_news_words.csv``). The ex04 rewrite
  check uses the same detector.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from . import paths
from .codebook import Codebook
from .tables import QUOTED, read_rows, word_pattern

REPORTING_ITSELF = re.compile(
    r"\b((did|has|have|had) not (yet )?(immediately )?respond(ed)?|request for (comment|confirmation)|"
    r"(declined|refused) to (make |give |offer |provide )?(any |further )?comments?|"
    r"declined (further )?comment|(would|could) not (immediately )?comment|could not be reached|"
    r"contributed to this report|attributable to|"
    # a pointer to where readers can read more: the outlet's housekeeping, not a claim about the news
    r"(more|further|additional|detailed) information (is|can be) (available|found)|(can|may) be found (on|at)|"
    r"for more information|is available (on|at) (the )?[\w' ]*website)\b",
    re.IGNORECASE,
)
TRIVIA = re.compile(r"\b(working (dinner|lunch|breakfast)|had (dinner|lunch)|posed for (a )?photos?)\b", re.IGNORECASE)
BACKGROUND = re.compile(
    r"\b(since (\w+ )?\d{4}|since (the )?\d{4}s|last (year|month|october|november|december|january|february|march|"
    r"april|may|june|july|august|september)|previously|earlier|originally|formerly|prior to|which began|"
    r"has (long )?been|have been|had been|was founded|were founded|for (decades|years)|in (19|20)\d\d|"
    r"(first|last) \w+ (since|in) |"
    r"(has|have|had) since|since then|ever since|(\w+ )?(years|decades|months) ago|a (year|decade) ago|"
    r"in recent (years|months|decades)|over the (past|last) (\w+ )?(years|decades|months)|in the meantime|"
    r"historically|traditionally|"
    r"rescheduled|postponed|during that|at the time|is a (former|researcher|writer|senior|professor|director)|"
    r"served (in|as)|was (first )?(built|created|launched|established|set up)|"
    r"(is|was) (the|an?) (\w+ ){0,3}(director|head|chief|leader|founder|chairman|chairwoman|president) of)\b",
    re.IGNORECASE,
)
SIGNIFICANCE = re.compile(
    r"\b(comes? (amid|as|at|after)|came (amid|as|after|a day after)|especially notable|a sign of|amid|"
    r"designed to|aimed at|in a move|latest (sign|setback|step)|historical low|growing number|"
    r"not backing down|failed to produce|major breakthrough|hit back|quickly emerged|(is|are) expected to|"
    # a cause the outlet asserts on its own authority ("As a result, cases are reported all year")
    r"as a result|"
    # a superlative ranking that no one is credited with: "some of the most intense exchanges in years"
    r"(some|one) of the (most|least) (?!recent|senior|populous|common)[a-z]+)\b",
    re.IGNORECASE,
)
#: A cue straight after a comma that closes the sentence's opening subject and its apposition.
CUE_AFTER_APPOSITION = re.compile(r"^[A-Z][\w.'-]*(?: [\w.'&-]+)+,(?: [^,]+,){0,2}\s*$")
#: The outlet naming its own reporter: "VOA's Dan Robinson", "VOA correspondent Steve Herman".
_OWN_REPORTER = r"(?:[A-Z][A-Za-z]*'s|[A-Z][A-Za-z]* (?:correspondent|reporter)) (?:[A-Z][a-z]+ ){1,2}[A-Z][a-z]+"
#: "<Outlet>'s <Name> reports ...": a cue that hands the sentence to no one but the outlet.
CORRESPONDENT = re.compile(rf"^(?:as )?{_OWN_REPORTER}$")
#: A sentence that only says who reports from where ("VOA's Stephanie Ho reports from Washington.").
SIGN_OFF = re.compile(
    rf"^{_OWN_REPORTER} reports from (?:our |the )?[A-Z][\w.]*(?: [A-Z][\w.]*)*(?: in [A-Z][\w.]*(?: [A-Z][\w.]*)*)?"
    r"(?:, [A-Z][\w.]*)*\.$"
)
#: "X is expected to ...": the outlet's own forecast, not someone who expects; an adverb may come
#: between ("was first announced", "is widely expected").
PASSIVE = re.compile(r"\b(is|are|was|were|be|been)\s+(?:(?:first|also|\w+ly)\s+)?$")
#: Cues that name no one in the passive ("what is described as", "is expected to", "was reported",
#: "when it was asked", "She was accused of spying", "was first announced as a goal"), unless an
#: agent follows ("reported by the Financial Times").
PASSIVE_CUES = frozenset({"expected", "described", "reported", "asked", "accused", "announced", "cited"})
#: "the top five most reported events": a participle graded by "most" describes a noun, it cites no one.
GRADED = re.compile(r"\b(most|least)\s+$")
#: Cues that are also plural nouns ("access to credit reports", "in phone calls"): after a preposition
#: and one lowercase word, the word names a thing; "Xinhua reports", "the ministry reports" still cite.
NOUN_AFTER_PREPOSITION = re.compile(r"\b(?:to|of|for|with|from|on|about|in|at|by)\s+[a-z][\w-]*\s+$")
NOUN_LIKE_CUES = frozenset({"reports", "shows", "calls"})
DETERMINER_BEFORE = re.compile(r"\b(the|a|an|these|those|its|their|his|her|such|this|that)\s+$")
ADDED_TO = re.compile(r"\s+(?!that\b)(?:[\w'.-]+\s+){0,5}?to\b")
#: The agent of a passive cue ("reported by the Financial Times"): a named body, up to a clause break.
AGENT = re.compile(r"\s+by\s+((?:the\s+)?[A-Z][^,;:\u2026]*)")
#: Offices that a company, a think tank or a charity has as much as a government does.
ANY_ORGANISATIONS_OFFICE = frozenset({
    "president", "vice president", "chairman", "chairwoman", "chair", "head", "chief", "spokesperson",
    "spokesman", "spokeswoman", "executive director", "founder", "secretary general", "secretary-general",
})
#: How many words make a quotation the sentence's point when it closes the sentence.
LONG_QUOTATION = 8
#: Cues that hang off a main clause ("..., saying", "..., adding"): its subject is the speaker.
PARTICIPLE_CUES = frozenset({"saying", "adding", "noting", "arguing", "warning", "insisting", "stressing"})
#: A document or announcement named again ("the statement added"): whoever issued it before.
DOCUMENT_AGAIN = re.compile(r"^(the|its|their|that|this) (statement|communique|communiqu\u00e9|readout|release|"
                            r"announcement|report|letter|notice)$", re.IGNORECASE)
#: Words that make a vague crowd's claim an opinion or a forecast (CW3) rather than a fact (CW4).
OPINION_OR_FORECAST = re.compile(
    r"\b(likely|unlikely|may|might|could|would|will|should|probably|possibly|expect|expects|fear|fears|hope|hopes)\b",
    re.IGNORECASE,
)
#: The outlet's own guess or forecast ("may be influencing", "could have unintended consequences"):
#: an interpretation (FRAMING) with nothing in it that a record could settle (CW6).
SPECULATION = re.compile(
    r"\b(may|might|could)\s+(well\s+)?(be|have|become|prove|help|lead|mean|signal|reflect|affect|influence)\b|"
    r"\blikely to\b|\bprobably\b|\bappears? to\b|\bseems? to\b|\bperhaps\b",
    re.IGNORECASE,
)
#: A clause that only sets the scene for the main point (but a bare "as the ministry said" attributes).
SCENE_SETTING = re.compile(r"^\s*(?:(?:but|and|yet|so)\s+)?(?:(?:particularly|especially|even|just) as|"
                           r"(?:(?:shortly|soon|days?|weeks?) )?(?:after|before|when|while|because|since|although|"
                           r"though|until))\b")
#: The clause a cue sits in, when it only sets the scene or comments on the main clause (", which ...").
SIDE_CLAUSE = re.compile(rf"{SCENE_SETTING.pattern}|^\s*which\b")
NEGATED = re.compile(r"\b(not|never|no longer)\s+(\w+\s+)?$")
PRONOUN = re.compile(r"^(he|she|it|they|we)$", re.IGNORECASE)
#: Adverbs between a speaker and the cue that say nothing about who speaks ("He also warned").
TRAILING_ADVERB = re.compile(
    r"(\s+(also|further|later|again|then|repeatedly|separately|previously|continues to|continue to))+$", re.IGNORECASE
)
NAME = re.compile(r"\b([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?)\b")
#: A body's initials as the story writes them ("OPM", "FBI", "(DHS)").
ACRONYM = re.compile(r"\b([A-Z]{2,6})\b")
#: Three or more capitalised words, with "of", "and", "for" or "the" between them: a body's full name.
ORGANISATION_NAME = re.compile(r"\b(?!The\b)[A-Z][a-z]+(?:\s+(?:(?:of|and|for|the|on)\s+)*[A-Z][a-z]+){2,}")
VAGUE_CROWD = re.compile(
    r"^(analysts|experts|critics|observers|officials|some|many|others|people|sources|residents|many residents|"
    r"scientists|researchers|aid agencies|relief workers|"
    r"(?:some|many|other) (?:[a-z-]+ )?(?:analysts|experts|critics|observers|officials|people|lawmakers|users|"
    r"residents|voters|investors|economists|commentators|commenters|diplomats|scholars|in \w+)|"
    # "Western foreign policy experts", "U.S. security analysts": a kind of expert, still no one named
    r"(?-i:(?:(?!the |these |those |its |their )[a-z-]+|[A-Z][a-z]+(?:an|ern|ese|ish|i|ic)|U\.S\.) ){1,3}"
    r"(?:analysts|experts|observers|critics|scholars|"
    r"economists|commentators|researchers))"
    r"(?:\s+(?:in|from|at)\s+[A-Z][\w ]*|\s+there)?$",
    re.IGNORECASE,
)
#: The perfect of "be" among the background markers: background only in the sentence's own clause.
PERFECT_BEEN = re.compile(r"(has|have|had) (long )?been", re.IGNORECASE)
#: A relative clause open just before a marker ("..., which had been ...", "... who have been ...").
RELATIVE_CLAUSE_BEFORE = re.compile(r"\b(which|who|that)\s+([\w'-]+\s+){0,2}$", re.IGNORECASE)
#: Verbs of reading something as something ("Analysts see X as Y"); not speech verbs on their own.
READING_VERBS = frozenset({"see", "view", "regard", "consider", "interpret"})
#: Cues that credit a belief or a reading, not a report: what follows is a view (CW3 for a crowd).
OPINION_CUES = frozenset({"believe", "believes", "think", "thinks"}) | READING_VERBS
#: "<a crowd> see X as Y": the words before the verb must be a vague crowd (VAGUE_CROWD).
CROWD_VIEW = re.compile(rf"^(?P<who>.+?)\s+(?P<cue>{'|'.join(sorted(READING_VERBS))})\s+.+?\s+as\b")
#: Words that tie a present-tense sentence to the news itself ("is now in Ohio", "There is still no power").
NEWS_TIME = re.compile(
    r"\b(now|still|currently|today|tonight|yesterday|this (week|month|morning|afternoon|evening|weekend)|so far|"
    r"this year|latest|new|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)
#: Adverbs that make a present-tense verb a habit or a general truth ("They most often enter ...").
HABITUAL = re.compile(r"\b(often|usually|generally|typically|normally|commonly|regularly|routinely|frequently|rarely|"
                      r"seldom|primarily|mostly|largely|tends? to)\b",
                      re.IGNORECASE)
#: A definition: when something counts as something ("A disease is considered eliminated when ...", "is
#: known as"): a standing rule, background to any news.
DEFINITION = re.compile(r"\b(?:is|are)\s+(?:considered|defined|classified|deemed)\b[^,;]*?\b(?:when|if|once)\b|"
                        r"\b(?:is|are)\s+(?:defined|known)\s+as\b", re.IGNORECASE)
#: Forms of "be" and "have" that, as the main verb in the present, state what something is or has.
STATIVE = frozenset({"is", "are", "has", "have"})
#: Modals of possibility: the verb after one says what could happen, not what was done or is planned.
POSSIBILITY = frozenset({"can", "could", "may", "might"})
#: Forms of "be": a sentence whose only verbs are these characterises something, it reports nothing done.
COPULA = frozenset({"is", "are", "was", "were", "be", "been", "being", "am", "'s", "\u2019s"})
#: Verbs that, in the simple present, state a standing position or state of affairs ("China claims
#: almost all of the sea", "Washington acknowledges but does not endorse ...", "The strait lies ...").
STANDING_VERBS = frozenset(
    "claims claim considers consider differs differ acknowledges acknowledge remains remain maintains maintain "
    "regards regard views view borders border contains contain "
    "covers cover requires require owns own controls control governs govern opposes oppose "
    "supports support favors favor favours favour lies sits belongs belong depends depend "
    # what something is made of ("The force comprises 38 units"); not "includes", which news uses for
    # its own count ("The dead include two children", "Those on duty include 8,800 soldiers")
    "comprises comprise consists consist".split()
)
#: "has around 130 volcanoes": a preposition that only rounds the number after it.
APPROXIMATELY = frozenset({"about", "around", "over", "nearly", "almost", "roughly", "some", "under"})
EVALUATIVE_THRESHOLD = 1.5
#: Words by which the writer hands the next word's judgement to others ("alleged harsh treatment").
HEDGES = frozenset({"alleged", "allegedly", "purported", "reported", "suspected"})
#: Entries of the framing list that the suggestions do not count (the framing tables still show them).
NOT_FRAMING_FOR_SUGGESTIONS = frozenset({"already"})


def about_the_reporting(text: str) -> bool:
    """An unanswered request for comment, a credit line or a correspondent's sign-off: the
    reporting's own housekeeping, not the news."""
    return bool(REPORTING_ITSELF.search(text) or SIGN_OFF.match(text.strip()))


@dataclass(frozen=True)
class Attribution:
    """A cue and the words it points to ("he", "Foreign Ministry spokesperson Mao Ning")."""

    cue: str
    speaker: str
    #: The words the sentence itself uses when ``speaker`` was resolved from an earlier one ("they").
    written: str = ""

    def named(self) -> str:
        """The speaker as a reason names it: "'they' (Analysts, earlier in the story)" or "'Analysts'"."""
        return f"'{self.written}' ({self.speaker}, earlier in the story)" if self.written else f"'{self.speaker}'"


@dataclass(frozen=True)
class Speaker:
    kind: str  # a source label of the general codebook
    party: str = ""  # a party code such as GOVERNMENT:CHINA, where one can be told
    why: str = ""


@dataclass
class StoryMemory:
    """What the rules remember within one story: who was introduced, and who spoke last."""

    people: dict[str, Speaker] = field(default_factory=dict)
    previous: Speaker | None = None
    #: The last person or body the story introduced, for a "he said" before anyone has spoken.
    introduced: Speaker | None = None
    quote_open: bool = False
    #: The unnamed crowd that spoke last ("analysts"), for a later "they say": still nobody identified.
    crowd: str = ""


# -- word lists (data files) ---------------------------------------------------------------------


@functools.cache
def speech_verbs() -> tuple[str, ...]:
    rows = read_rows(paths.LEXICON_DIR / "speech_verbs.csv", ("verb", "note"), id_column="verb", what="speech verb")
    return tuple(sorted((row["verb"].lower() for row in rows), key=len, reverse=True))


@functools.cache
def source_roles() -> tuple[tuple[str, str], ...]:
    rows = read_rows(
        paths.LEXICON_DIR / "source_roles.csv", ("pattern", "kind", "note"), id_column="pattern", what="source role"
    )
    kinds = ("GOVERNMENT", "STATE_MEDIA", "OTHER_MEDIA", "EXPERT_ORG", "PUBLIC_OTHER")
    return tuple((row["pattern"].lower(), row.require_choice("kind", kinds, "source kind")) for row in rows)


@functools.cache
def seats_of_government() -> frozenset[str]:
    """Capitals that news copy uses for their governments ("according to Manila", "Moscow announced")."""
    rows = read_rows(
        paths.LEXICON_DIR / "seats_of_government.csv", ("place", "government"), id_column="place", what="capital"
    )
    return frozenset(row["place"] for row in rows)


@functools.cache
def neutral_news_words() -> frozenset[str]:
    rows = read_rows(
        paths.LEXICON_DIR / "neutral_news_words.csv", ("word", "note"), id_column="word", what="neutral news word"
    )
    return frozenset(row["word"].lower() for row in rows)


@functools.cache
def framing_phrases() -> tuple[str, ...]:
    from .analysis import load_framing_words

    # A loose umbrella term ("blacklisted", "tech giants") is imprecise, not a judgement: the key
    # treats it as such (see data/annotation/README.md), so it does not make a sentence FRAMING.
    words = load_framing_words()
    kept = words[words["kind"] != "loose umbrella term"].index
    # "already" marks background ("already hosted 600,000 refugees") at least as often as a trend.
    return tuple(phrase for phrase in kept if phrase not in NOT_FRAMING_FOR_SUGGESTIONS)


@functools.cache
def vader_lexicon() -> dict[str, float]:
    """VADER's word -> valence table (-4 to +4), from the maintained vaderSentiment package."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return dict(SentimentIntensityAnalyzer().lexicon)


@functools.cache
def _tagger():
    from textblob.en.taggers import PatternTagger

    return PatternTagger()


@functools.lru_cache(maxsize=4096)
def tagged(text: str) -> tuple[tuple[str, str], ...]:
    """(word, Penn Treebank tag) pairs from TextBlob's lexicon-based tagger (no model download)."""
    return tuple((word, tag) for word, tag in _tagger().tag(text))


# -- attribution ---------------------------------------------------------------------------------


def unquoted(text: str) -> str:
    return QUOTED.sub(" \u2026 ", text)


def find_attribution(text: str) -> Attribution | None:
    """The first cue outside quotation marks, and the words it hands the sentence to.

    "X said" and "said X", "according to X", "per X", "X told VOA", and a trailing "..., X say."
    are all found; the speaker phrase is the words next to the cue, up to a comma or a clause break.
    """
    plain = unquoted(text)
    lowered = plain.lower()
    hits = []
    for verb in speech_verbs():
        for match in word_pattern(verb, before="-", after="-", ignore_case=False).finditer(lowered):
            hits.append((match.start(), -len(verb), verb, match))
    if not hits:
        return _crowd_view(plain)
    hits = [hit for hit in hits if not NEGATED.search(lowered[: hit[0]])]  # "has not said" reports no one
    hits = [
        hit
        for hit in hits
        if not (hit[2] in PASSIVE_CUES and PASSIVE.search(lowered[: hit[0]]) and not AGENT.match(plain[hit[3].end() :]))
    ]
    hits = [hit for hit in hits if not lowered[hit[3].end() :].startswith(" tank")]  # a "think tank" thinks nothing
    hits = [hit for hit in hits if not GRADED.search(lowered[: hit[0]])]
    hits = [
        hit
        for hit in hits
        if not (hit[2] in NOUN_LIKE_CUES and NOUN_AFTER_PREPOSITION.search(plain[: hit[0]]))
    ]
    # "confirmation of the reports", "its statement": after an article or a possessive the word is a noun
    hits = [hit for hit in hits if not DETERMINER_BEFORE.search(lowered[: hit[0]])]
    # "which added Huawei to a blacklist": adding something to something reports no words
    hits = [hit for hit in hits if not (hit[2] in ("add", "adds", "added") and ADDED_TO.match(lowered[hit[3].end() :]))]
    # A cue in a clause that only sets the scene ("..., particularly as Moscow announced ...", "After Trump
    # said ...,") or comments on the main clause ("..., most recently in April, which state media described
    # as ...") credits no one with the sentence's main point
    hits = [hit for hit in hits if not SIDE_CLAUSE.search(re.split(r"[,;:\u2026]", lowered[: hit[0]])[-1])]
    if not hits:
        return None
    start, _, verb, match = min(hits)
    pieces = [piece.strip() for piece in re.split(r"[,;:\u2026]|\bthat\b|\bwho\b", plain[:start])]
    after = re.split(r"[,;:\u2026]|\bthat\b|\bon\b|\bin a\b|\bat\b", plain[match.end() :])[0].strip().rstrip(".")
    named = re.match(r"\s*([^,;:\u2026]+),\s*([^;:\u2026]+?)[.\s]*$", plain[match.end() :])
    if named and _names(named.group(1)):
        # "..., said Dr. Ana Lee, the country's chief veterinary officer.": the title after the name counts
        after = f"{named.group(1).strip()}, {named.group(2).strip()}"
    name_follows = bool(named and _names(named.group(1))) or _names(after)
    if verb in PARTICIPLE_CUES and not pieces[-1] and len(pieces) > 1:
        # "Gemini also mirrored Beijing's line, saying ...": the main clause's subject speaks
        before = _subject(" ".join(piece for piece in pieces if piece))
    elif verb in ("told", "tells", "tell"):
        before = next((piece for piece in reversed(pieces) if piece), "")
    elif not pieces[-1] and len(pieces) > 1 and CUE_AFTER_APPOSITION.search(plain[:start]) and not name_follows:
        # "Jing Huang, a political scientist at ..., says": the subject and its apposition speak
        # (but in "Guard members rescued 397 people, said Hopkins." the name after the cue does)
        before = " ".join(piece for piece in pieces if piece)
    else:
        before = pieces[-1]
    by = AGENT.match(plain[match.end() :]) if verb in PASSIVE_CUES else None
    if by:
        phrase = by.group(1)  # "As first reported by the Financial Times": the agent after "by"
    elif verb in ("according to", "per", "reported") and not before:
        phrase = after
    elif verb in ("according to", "per"):
        phrase = after
    else:
        phrase = before or after
    phrase = phrase.strip(" \"'\u201c\u201d")
    phrase = re.sub(r"^(and|but|also|while|as|so)\s+", "", phrase, flags=re.IGNORECASE).strip()
    if verb in ("reports", "reported") and CORRESPONDENT.match(phrase):
        return None  # "VOA's Dan Robinson reports": the outlet's own correspondent, not a source
    return Attribution(verb, " ".join(phrase.split()[-20:]))


def credit_crowd(attribution: Attribution | None, memory: StoryMemory) -> Attribution | None:
    """A "they say" when the last speaker was an unnamed crowd is that crowd again ("Analysts see ... .
    What happens next, they say, ..."): the attribution names the crowd, so CW3 can see who it is.
    Any other speaker in between ends it."""
    if attribution is None:
        return None
    speaker = attribution.speaker.strip()
    if speaker.lower() == "they" and memory.crowd:
        return Attribution(attribution.cue, memory.crowd, written=speaker)
    memory.crowd = speaker if VAGUE_CROWD.match(speaker) else ""
    return attribution


def _crowd_view(plain: str) -> Attribution | None:
    """"Analysts see the raids as a test of the alliance": a crowd's reading of the news, credited to
    the crowd, though 'see' and 'view' are no speech verbs (in "Residents saw smoke" nobody is cited)."""
    match = CROWD_VIEW.match(plain.strip())
    if match is None or not VAGUE_CROWD.match(match.group("who")):
        return None
    return Attribution(match.group("cue"), match.group("who"))


def _subject(clause: str) -> str:
    """The words before a clause's first finite verb ("Gemini also" in "On Taiwan Gemini also
    mirrored ..."), less a leading prepositional phrase; the whole clause if it has no verb."""
    words = tagged(clause)
    index = _first_finite_verb(words)
    if index is None:
        return clause
    subject = [word for word, _ in words[:index]]
    while len(subject) > 1 and subject[0].lower() in ("on", "in", "at", "for", "about", "over", "after"):
        subject = subject[2:] if len(subject) > 2 else subject[1:]  # "On Taiwan", "In Seoul"
    return TRAILING_ADVERB.sub("", " ".join(subject)) or clause


def _first_finite_verb(words: tuple[tuple[str, str], ...]) -> int | None:
    """Where the first finite verb is; a past participle straight after a noun counts, since the
    tagger reads many simple pasts so ("Gemini mirrored")."""
    for index, (_, tag) in enumerate(words):
        before = next((t for _, t in reversed(words[:index]) if not t.startswith("RB")), "")  # past "also"
        if tag in ("VBZ", "VBP", "VBD", "MD") or tag == "VBN" and before.startswith(("NN", "PRP")):
            return index
    return None


def _has_finite_verb(words: str) -> bool:
    return bool(words.strip()) and _first_finite_verb(tagged(words)) is not None


def _names(words: str) -> bool:
    """Words that only name someone ("Hopkins", "Air Force Maj. Gen. Lee Hopkins"): no finite verb."""
    return bool(words.strip()) and words.strip()[0].isupper() and not _has_finite_verb(words)


# -- speakers ------------------------------------------------------------------------------------


def classify_speaker(phrase: str, codebook: Codebook, memory: StoryMemory | None = None) -> Speaker:
    """Who the words are, by title and organisation: a role word wins ("former" before all), then
    a person already introduced in the story, then a pronoun (the previous speaker)."""
    memory = memory if memory is not None else StoryMemory()
    phrase = TRAILING_ADVERB.sub("", phrase.strip())  # "He also warned", "Paparo also urged"
    words = phrase.lower()
    if PRONOUN.match(phrase.strip()) or DOCUMENT_AGAIN.match(phrase.strip()):
        if memory.previous is not None:
            who = memory.previous
            return Speaker(who.kind, who.party, f"'{phrase}' refers back to the previous speaker")
        if memory.introduced is not None:
            who = memory.introduced
            return Speaker(who.kind, who.party, f"'{phrase}' refers back to the person the story last introduced")
    spans = [
        (match.start(), match.end(), pattern, kind)
        for pattern, kind in source_roles()
        for match in word_pattern(pattern, before="'", after="'", ignore_case=False).finditer(words)
    ]
    # the longest role wins where two overlap: "chief executive" is not a "chief", nor is
    # "attorney general" a "general"
    found = [
        (start, pattern, kind)
        for start, end, pattern, kind in spans
        if not any(s <= start and end <= e and (e - s) > (end - start) for s, e, _, _ in spans)
    ]
    if any(pattern == "former" for _, pattern, _ in found):
        return Speaker("EXPERT_ORG", why="a former official speaks for themselves")
    if found:
        media = [hit for hit in found if hit[2] in ("STATE_MEDIA", "OTHER_MEDIA")]
        # A medium is the source only when it is the one speaking ("Xinhua reported"), so a
        # person's role wins over the outlet they spoke to ("told CNN").
        people = [hit for hit in found if hit[2] not in ("STATE_MEDIA", "OTHER_MEDIA")]
        people = _office_of_an_organisation(people)
        _, pattern, kind = min(people or media, key=lambda hit: _priority(hit[2]))
        speaker = Speaker(kind, _party(phrase, kind, codebook), f"'{pattern}' in '{phrase}'")
    else:
        names = NAME.findall(phrase) + ACRONYM.findall(phrase)
        known = [memory.people[name] for name in names if name in memory.people]
        listed = known_person(phrase, codebook)
        if phrase in seats_of_government():
            # the capital alone, as the speaker, is its government; "University of Washington" is not
            party = _party(phrase, "GOVERNMENT", codebook)
            speaker = Speaker("GOVERNMENT", party, f"'{phrase}' stands for its government")
        elif known:
            speaker = Speaker(known[-1].kind, known[-1].party, f"'{phrase}' was introduced earlier in the story")
        elif listed is not None:
            speaker = listed
        else:
            speaker = Speaker("PUBLIC_OTHER", why=f"no title or organisation in '{phrase}'")
    if not _has_finite_verb(phrase) and speaker.kind != "PUBLIC_OTHER":  # a name, not a clause the cue followed
        for name in NAME.findall(phrase) + ACRONYM.findall(phrase) + _initials(phrase):
            if name.lower() not in ("the", "a", "an", "on", "in"):
                memory.people[name] = speaker
    return speaker


def _initials(phrase: str) -> list[str]:
    """The acronyms a body's full name stands for ("Office of Personnel Management" -> "OPM"), so
    that a later "OPM said" is the body already met; small words such as "of" and "and" are skipped."""
    return [
        "".join(word[0] for word in run.split() if word[0].isupper())
        for run in ORGANISATION_NAME.findall(phrase)
    ]


def _office_of_an_organisation(hits: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """"vice president of the Center for Asia Pacific Strategy": an office that every organisation
    has (president, director, spokesperson) is the organisation's kind when one is named after it."""
    offices = [hit for hit in hits if hit[2] == "GOVERNMENT" and hit[1] in ANY_ORGANISATIONS_OFFICE]
    bodies = [hit for hit in hits if hit[2] == "EXPERT_ORG" and offices and hit[0] > offices[0][0]]
    if bodies and all(hit[2] != "GOVERNMENT" or hit in offices for hit in hits):
        return [hit for hit in hits if hit not in offices]
    return hits


def _priority(kind: str) -> int:
    return ("GOVERNMENT", "EXPERT_ORG", "STATE_MEDIA", "OTHER_MEDIA", "PUBLIC_OTHER").index(kind)


def _party(phrase: str, kind: str, codebook: Codebook) -> str:
    """The party whose name or alias occurs in the speaker's own words (not elsewhere in the sentence)."""
    for party in codebook.parties:
        if party.kind != kind:
            continue
        for alias in party.aliases:
            if word_pattern(alias, before=".", ignore_case=True).search(phrase):
                return party.code
    return ""


def introduce_people(text: str, codebook: Codebook, memory: StoryMemory) -> None:
    """Remember the people a sentence introduces, with their role, for later "Xi said", "Brazil
    told": the words just before a full name ("Foreign Minister Qin Gang") or the apposition after
    it ("James Anderson, a former acting undersecretary of defense, ...", "Matthew Brazil is a ...")."""
    plain = unquoted(text)
    # a full name, with middle initials and a suffix if any ("Harry B. Harris Jr."): the surname is
    # the last capitalised word before the suffix
    for match in re.finditer(r"\b((?:[A-Z][a-z]+ )+(?:[A-Z]\. )*[A-Z][a-z]+)(?:,? (?:Jr|Sr)\.|,? I{2,3}\b)?", plain):
        name = match.group(1)
        # a rank's full stop ("Adm. Samuel Paparo") does not end the words before the name, and a
        # title the name pattern swallowed ("Africa Command's General Michael Langley") counts too
        lead = re.split(r"(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})[,;:.\u2026]", plain[: match.start()])[-1]
        before = " ".join((lead + " " + " ".join(name.split()[:-2])).split()[-6:])
        # the apposition follows a comma or a copula: in "The Office of Personnel Management said that
        # ... former federal employees ..." the words after the name are the sentence, not a title
        after = re.match(r"(?: of [A-Z][a-z]+(?: [A-Z][a-z]+)*)?(?:, (?:who is |a |an |the )?| (?:is|was|who is) "
                         r"(?:a |an |the )?)([^,.;]+)", plain[match.end() :])
        for words in (before, after.group(1) if after else ""):
            speaker = classify_speaker(words, codebook, StoryMemory()) if words.strip() else None
            if speaker is not None and speaker.kind != "PUBLIC_OTHER":
                memory.people[name.split()[-1]] = speaker
                break
        else:
            known = known_person(name, codebook)
            if known is not None:
                memory.people[name.split()[-1]] = known
    for word in NAME.findall(plain):  # a known single name ("Xi") counts as introduced too
        known = memory.people.get(word) or known_person(word, codebook)
        if known is not None:
            memory.introduced = known


@functools.cache
def _known_people() -> tuple[tuple[str, str], ...]:
    """Named people and bodies of the seed article (``speakers.csv``), checked against its codebook."""
    from .codebook import article_codebook

    labels = article_codebook().labels("source")
    rows = read_rows(paths.LEXICON_DIR / "speakers.csv", ("pattern", "source"), id_column="pattern", what="speaker")
    return tuple((row["pattern"], row.require_choice("source", labels, "source label")) for row in rows)


def known_person(name: str, codebook: Codebook) -> Speaker | None:
    """A person or body named in ``data/lexicon/speakers.csv`` (the seed article's speakers)."""
    for pattern, label in sorted(_known_people(), key=lambda item: -len(item[0])):
        if word_pattern(pattern, ignore_case=False).search(name):
            kind = label.partition(":")[0]
            return Speaker(kind, label if ":" in label else "", f"'{pattern}' is a known {label} speaker")
    return None


# -- evaluative words ----------------------------------------------------------------------------


def evaluative_words(text: str, *, nouns: bool = True) -> list[str]:
    """The writer's own judging words: outside quotation marks, strongly valenced in VADER's
    lexicon (|valence| >= 1.5) or on the project's framing list, less neutral event words.

    With ``nouns=False``, VADER words the tagger reads as nouns are left out: a sentiment lexicon
    also scores the nouns that name an event ("a dispute", "the crackdown", "weapons")."""
    plain = unquoted(text)
    found = []
    lexicon = vader_lexicon()
    noun_words = set() if nouns else {word.lower() for word, tag in tagged(plain) if tag.startswith("NN")}
    words = re.findall(r"[A-Za-z][a-z'-]*", plain)
    for index, word in enumerate(words):
        lower = word.lower()
        if lower in neutral_news_words() or lower in speech_verbs() or word[0].isupper() and plain.find(word) > 0:
            continue  # a name, an attribution verb, or an event word news uses neutrally
        if lower in noun_words:
            continue
        if index and words[index - 1].lower() in HEDGES:
            continue  # "its alleged harsh treatment": the judgement is the accusers', and the writer says so
        if abs(lexicon.get(lower, 0.0)) >= EVALUATIVE_THRESHOLD:
            found.append(lower)
    from .analysis import find_phrases

    found.extend(phrase for phrase in find_phrases(plain, framing_phrases()) if phrase not in found)
    return found


# -- the three questions -------------------------------------------------------------------------


def quoted_share(text: str) -> float:
    """The share of the sentence's letters that are inside quotation marks; a quotation that opens
    the sentence and is not closed in it runs on into the next one, so it counts to the end."""
    letters = sum(ch.isalpha() for ch in text)
    stripped = text.strip()
    if stripped[:1] in ('"', "\u201c") and not QUOTED.match(stripped):
        return 1.0 if letters else 0.0
    inside = sum(sum(ch.isalpha() for ch in match.group()) for match in QUOTED.finditer(text))
    return inside / letters if letters else 0.0


def suggest_statement_type(
    text: str, part: str, attribution: Attribution | None, memory: StoryMemory
) -> tuple[str, str]:
    """QUOTE, ATTRIBUTED, FRAMING, CONTEXT or FACT, in the decision tree's order, with the reason."""
    share = quoted_share(text)
    if share >= 0.5 or memory.quote_open:
        return "QUOTE", f"{share:.0%} of the words are someone's exact words in quotation marks"
    if attribution is not None and _opens_with_a_quotation(text, attribution):
        return "QUOTE", "the sentence is someone's exact words in quotation marks, then who said them"
    if attribution is not None and _closes_on_a_quotation(text, attribution):
        return "QUOTE", "the point the sentence makes is someone's exact words, a long quotation the cue introduces"
    if attribution is not None:
        return "ATTRIBUTED", f"the cue '{attribution.cue}' hands the main point to {attribution.named()}"
    framing = evaluative_words(text)
    significance = SIGNIFICANCE.search(text)
    if part in ("bullet", "subhead"):
        return "FRAMING", f"a {part}: a headline-like summary in the outlet's voice"
    background = background_wording(text)
    if framing and not significance and background and not evaluative_words(text, nouns=False):
        # "had quit the market in 2010 in a dispute over censorship": a dated past told with a noun
        # VADER scores is background, not the outlet's judgement
        return "CONTEXT", f"background wording ('{background}'); '{', '.join(framing)}' only names the event"
    if framing or significance:
        why = ", ".join(framing) if framing else significance.group(0)
        return "FRAMING", f"the outlet's own judging or linking words: {why}"
    guess = SPECULATION.search(unquoted(text))
    if guess:
        return "FRAMING", f"the outlet's own guess or forecast ('{guess.group(0)}'), credited to no one"
    if about_the_reporting(text):
        return "FACT", "a statement about the reporting itself"
    if background:
        return "CONTEXT", f"background wording ('{background}')"
    verb = standing_fact(text)
    if verb:
        return "CONTEXT", f"the present tense '{verb}' states what was already true before the news"
    return "FACT", "no quotation, cue, judging word or background wording: a neutral report of the news"


def background_wording(text: str) -> str:
    """The first words that mark the sentence as background ("since 2019", "has long been", "years
    ago"), or empty. A perfect "has been" or "had been" does not count when the sentence ties itself to
    the news's own time ("have been searching this week") or when it sits in a relative clause that
    only describes something ("the balloon, which had been drifting ..., landed")."""
    plain = unquoted(text)
    for match in BACKGROUND.finditer(plain):
        words = match.group(0)
        if PERFECT_BEEN.fullmatch(words) and (
            NEWS_TIME.search(plain) or RELATIVE_CLAUSE_BEFORE.search(plain[: match.start()])
        ):
            continue
        return words
    return ""


def standing_fact(text: str) -> str:
    """The main verb, when the sentence states in the present tense what something is, has or
    habitually does ("NWS are fly larvae ...", "The Guard has a long-standing tradition ...",
    "They most often enter ..."): background that was already true before the news. Empty otherwise.

    Not when the present is the news's own ("is sending", "has killed", "is now in", "There are
    300 people in shelters"), nor when the verb is a plan or a place ("is to visit", "are in Ohio").
    """
    plain = unquoted(text)
    if NEWS_TIME.search(plain):
        return ""
    definition = DEFINITION.search(plain)
    if definition:
        return definition.group(0).split()[0]
    words = tagged(plain)
    for index, (word, tag) in enumerate(words):
        before, before_tag = words[index - 1] if index else ("", "")
        if tag == "VB" and before_tag in ("NN", "NNS", "NNP", "NNPS", "PRP", "RB"):
            tag = "VBP"  # the tagger's lexicon reads a plural present ("They often enter") as a base form
        subject_tag = words[index - 2][1] if index > 1 else ""
        if tag == "NN" and HABITUAL.fullmatch(before) and subject_tag in ("NNS", "NNPS", "PRP"):
            tag = "VBP"  # ... and as a noun after a habit adverb ("Service members routinely face ...")
        if tag == "NNS" and word.lower() in STANDING_VERBS and before_tag in ("NNP", "NNPS", "PRP"):
            tag = "VBZ"  # ... and a verb after a name as a plural noun ("China claims almost all of ...")
        if tag not in ("VBZ", "VBP", "VBD", "MD"):
            continue
        if tag == "MD" and word.lower() == "can" and before.lower() not in ("there", "which", "who", "that"):
            return word  # "NWS maggots can infest livestock": what something is able to do, a general truth
        if tag in ("VBD", "MD") or before.lower() in ("there", "which", "who", "that"):
            return ""  # the first finite verb is past, a modal, existential or in a relative clause
        if word.lower() in STATIVE:
            after, after_tag = words[index + 1] if index + 1 < len(words) else ("", "")
            counted = after.lower() in APPROXIMATELY and index + 2 < len(words) and words[index + 2][1] == "CD"
            if after_tag in ("VBG", "VBN", "VBD", "TO", "RB", "RBR", "RBS") or after_tag == "IN" and not counted:
                return ""  # "is sending", "has killed", "is to visit", "are in", "has also"
            return word
        return word if HABITUAL.search(plain) or word.lower() in STANDING_VERBS else ""
    return ""


def _opens_with_a_quotation(text: str, attribution: Attribution) -> bool:
    """'"Three or more quoted words," <speaker> <cue> ...': the quotation is the main point, whatever
    follows the attribution ("... Trump said after a day of talks", "..., he said, citing long waits")."""
    first = QUOTED.match(text.strip())
    if first is None or len(first.group().split()) < 3:
        return False
    return _cue_follows(text.strip()[first.end() :], attribution)


def _cue_follows(after_quotation: str, attribution: Attribution) -> bool:
    """The cue attributes the quotation just before these words: it comes in their first clause."""
    tail = unquoted(after_quotation).strip(" ,")
    clause = re.split(r"[;:\u2026]|,(?= (?:adding|citing|pointing|noting|saying|which|who)\b)", tail, maxsplit=1)[0]
    return bool(word_pattern(attribution.cue, ignore_case=True).search(clause))


def _closes_on_a_quotation(text: str, attribution: Attribution) -> bool:
    """'... told VOA that he wants to stress that "China always opposes the creation and spread of
    disinformation."', '... are "a deliberate acknowledgment of the threats posed by China," said X':
    the sentence's only quotation, of eight or more words, that ends the sentence or that only its
    cue follows, is the point being made, though the words around it outnumber it (a shorter one
    is a phrase the outlet borrows: '... talks "at a working level," said an official')."""
    quotations = list(QUOTED.finditer(text))
    if len(quotations) != 1 or len(quotations[0].group().split()) < LONG_QUOTATION:
        return False  # with two, the outlet's words between them carry the point ('speaking of "..." if "..."')
    after = text[quotations[0].end() :]
    return not re.search(r"[A-Za-z]", unquoted(after)) or _cue_follows(after, attribution)


def suggest_source(
    text: str, statement_type: str, attribution: Attribution | None, codebook: Codebook, memory: StoryMemory
) -> tuple[str, str]:
    """Whoever the sentence makes responsible: the outlet unless a quotation or cue credits someone."""
    if statement_type not in ("QUOTE", "ATTRIBUTED"):
        return "OUTLET", "no quotation or cue credits anyone else, so the outlet's own voice (topic is not source)"
    if attribution is None:
        if memory.previous is None:
            return codebook.fit("source", "PUBLIC_OTHER"), "a quotation with no speaker named"
        speaker = memory.previous
        why = "a quotation continuing the previous speaker"
    else:
        speaker = classify_speaker(attribution.speaker, codebook, memory)
        why = f"the cue '{attribution.cue}' points to {speaker.why}"
    memory.previous = speaker
    return _label(speaker, codebook), why


def _label(speaker: Speaker, codebook: Codebook) -> str:
    labels = codebook.labels("source")
    if speaker.party and speaker.party in labels:
        return speaker.party
    if speaker.kind in labels:
        return speaker.kind
    # The bank splits this kind into parties but the speaker's words name none: the first party.
    parties = [code for code in labels if code.startswith(speaker.kind + ":")]
    return parties[0] if parties else codebook.fit("source", speaker.kind)


def suggest_check_worthy(
    text: str, statement_type: str, attribution: Attribution | None
) -> tuple[str, str, str]:
    """YES or NO by the codebook's rules CW1-CW6 in order, with the rule and the reason."""
    if about_the_reporting(text) or TRIVIA.search(text):
        return "NO", "CW1", "trivia or the reporting's own housekeeping"
    if statement_type in ("QUOTE", "ATTRIBUTED"):
        speaker = attribution.speaker if attribution else ""
        opinion_cue = attribution is not None and attribution.cue in OPINION_CUES
        if attribution and (VAGUE_CROWD.match(speaker.strip()) or opinion_cue):
            plain = unquoted(text)
            opinion = opinion_cue or OPINION_OR_FORECAST.search(plain) or evaluative_words(plain)
            # "could be a negotiating gambit": the crowd's guess, even with a date in it; but a figure the
            # outlet gives before the crowd speaks ("The toll was 2,400, but relief workers say ...") is a fact
            own_part = plain[: max(plain.find(speaker), 0)] if speaker else ""
            guess = SPECULATION.search(plain) and not re.search(r"\d", own_part)
            if not guess and (re.search(r"\d", plain) or not opinion):  # CW3 defers to CW4 for a specific fact
                return "YES", "CW4", "a specific fact, whoever it is credited to: records could settle it"
            return "NO", "CW3", f"a view credited to an unidentified crowd ('{speaker or attribution.cue}')"
        return "YES", "CW2", "words credited to an identified source: a record can show whether they said it"
    if statement_type == "FRAMING":
        guess = SPECULATION.search(unquoted(text))
        if guess and not re.search(r"\d", text):
            return "NO", "CW6", f"the outlet's own guess or forecast ('{guess.group(0)}'): no record could settle it"
        if re.search(r"\d", text) or len(NAME.findall(text[1:])) >= 1 or _reports_an_action(text):
            return "YES", "CW5", "the interpretation rests on a checkable premise (names, numbers or events)"
        return "NO", "CW6", "a judgement or characterisation with nothing specific to check"
    return "YES", "CW4", "a specific statement of fact that records could settle"


def _reports_an_action(text: str) -> bool:
    """A verb other than a form of "be": something was done ("The rogue nation has continued to work on
    ...", "the evidence helps prove ..."), which records can settle even when the sentence names no one.
    "A tense moment for the town", "Residents are divided" and "The vote comes amid growing anger" only
    characterise."""
    plain = unquoted(text)
    linking = {word.lower() for match in SIGNIFICANCE.finditer(plain) for word in match.group(0).split()}
    words = tagged(plain)
    for index, (word, tag) in enumerate(words):
        # the word after a modal is its verb, though the tagger reads some as nouns ("will offer")
        modal = words[index - 1][0].lower() if index > 0 and words[index - 1][1] == "MD" else ""
        if modal in POSSIBILITY or index == 0 and tag == "VBG":
            continue  # "can reduce", "might slow": what could happen; "Becoming a casualty ...": a gerund subject
        after_modal = bool(modal) and word.lower() not in ("have", "has")
        if not (tag.startswith("VB") or after_modal) or word.lower() in COPULA or word.lower() in linking:
            continue  # "comes amid", "came as": the link is the framing itself, not something done
        before = words[index - 1][0].lower() if index else ""
        after = words[index + 1][1] if index + 1 < len(words) else ""
        if tag in ("VBN", "VBG") and (before in COPULA or after.startswith("NN")):
            continue  # "are divided", "growing anger": the participle describes, it reports nothing done
        return True
    return False


def advance(text: str, memory: StoryMemory) -> None:
    """After a sentence: is a quotation still open (a quote that runs on into the next sentence)?"""
    marks = text.count('"') + text.count("\u201c") + text.count("\u201d")
    memory.quote_open = (marks % 2 == 1) != memory.quote_open if marks else memory.quote_open
