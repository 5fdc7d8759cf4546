"""English word lists for reading a message clause by clause (see
`reading.clauses`): contact and its end, removal from a list, requests, what a
negation takes back, decisions, the other party, approval, the offer's nouns and
options."""

# After the words for the current provider, words that say it is gone ("our current
# cleaner quit"): then there is no one to stay with, and the phrase refuses nothing.
GONE = r"(?! (?:just |has |have |had |recently |suddenly )?(?:quit|left|retired|stopped|resigned|moved|went|closed|is leaving|are leaving|is retiring|are retiring|let us down|no-showed|ghosted|disappeared))"

CONTACT = [
    r"msgs?",
    r"messag\w*",
    r"e-?mails?",
    r"e-?mailing",
    r"mails?",
    r"mailings?",
    r"texts?",
    r"texting",
    r"sms",
    r"calls?",
    r"calling",
    r"contact(?:ing|ed)?",
    r"writing",
    r"correspondence",
    r"newsletters?",
    r"marketing",
    r"solicitations?",
    r"reach(?:ing)? out",
]
CEASE = [
    r"enough (?:of|with)",
    r"stop with",
    r"any ?more",
    r"no more",
    r"no further",
    r"no longer",
    r"any further",
    r"cease",
    r"never again",
    r"stop(?! by| in| over)",
]
REMOVE = [
    r"take (?:us|me|our \w+|my \w+) out",
    r"remove",
    r"delete",
    r"strike",
    r"erase",
    r"purge",
    r"take (?:us|me|our \w+|my \w+) off",
]
LISTS = [
    r"(?:phone )?number",
    r"(?:e-?mail )?address",
    r"data",
    r"details",
    r"lists?",
    r"records?",
    r"database",
    r"files?",
    r"systems?",
    r"crm",
    r"contacts",
]
REQUEST = [
    r"please",
    r"pls",
    r"plz",
    r"send",
    r"(?:can|could|would|will) you",
    r"let me (?:know|have|see)",
    r"(?:i'd|we'd|i would|we would) (?:like|love)",
    r"need (?:a|the|your|an)",
    r"what(?:'s| is| are| would)",
    r"how much",
]
NEGATED = [
    r"sign\w*",
    r"approv\w*",
    r"commit\w*",
    r"pay off",
    r"point",
    r"sense",
    r"need\w*",
    r"want\w*",
    r"requir\w*",
    r"interest\w*",
    r"keen",
    r"hir(?:e|ing)",
    r"proceed\w*",
    r"pursu\w*",
    r"go ahead",
    r"happen\w*",
    r"work out",
    r"move forward",
    r"continu\w*",
    r"us(?:e|ing)",
    r"worth\w*",
    r"for us",
    r"afford",
]
AGAINST = [
    r"not (?:now|for now),? (?:and )?not (?:later|ever|for later)",
    r"neither now nor (?:later|ever)",
    r"(?:we're|we are|i'm|i am) (?:already |all )?(?:covered|sorted|set)",
    r"(?:decided|voted|opted|chose|come down) against",
    r"(?:decided|opted|chosen|chose) not to",
    r"(?:postpone\w*|put (?:it |this )?on hold|shelve\w*) indefinitely",
    r"(?:stay|staying|remain|keep (?:things|it)) (?:as|the way) (?:we are|it is|they are|things are)",
]
DECISION = [
    r"renewed",
    r"extended",
    r"cho(?:se|sen)",
    r"picked",
    r"selected",
    r"(?:went|gone|going|go) with",
    r"signed",
    r"awarded",
    r"hired",
    r"engaged",
    r"appointed",
    r"contracted",
    r"opted for",
    r"(?:decided|settled) on",
    r"put pen to paper",
    r"sticking with",
    r"stay(?:ing)? with",
]
OTHER_PARTY = [
    r"(?:lowest|cheapest|another|other) (?:bid(?:der)?|offer|quote)",
    r"(?:a|another) firm",
    r"(?:another|other|a different|a local|a new|our current|our existing|our usual|the same) (?:\w+ )?(?:company|provider|supplier|firm|vendor|contractor|outfit|agency|team|cleaners?|business|partner)"
    + GONE,
    r"(?:a |another )?competitor",
]
# Approval of the offer ("the quote looks fine"): with a noun of the offer, a yes.
APPROVE = [
    r"best",
    r"ideal",
    r"suits",
    r"perfect",
    r"fine",
    r"good",
    r"great",
    r"ok(?:ay)?",
    r"acceptable",
    r"reasonable",
    r"fair",
    r"works",
    r"right",
]
# (and starting: "When could you start?", "Vous pouvez démarrer quand ?")
TOPIC = [
    r"(?:start|begin)(?:ning|s)?(?! of)",
    r"slots?",
    r"earliest",
    r"(?:start|starting) date",
    r"booking\w*",
    r"contract",
    r"agreement",
    r"terms",
    r"costs?",
    r"availability",
    r"quote",
    r"pricing",
    r"price",
    r"estimate",
    r"proposal",
]
# Taking one of our options ("we'll go with the fortnightly option"): a yes.
ACCEPT = ["go(?:ing)? with", "take", "choose", "opt(?:ing)? for", "pick"]
OFFER = ["option", "package", "plan", "tier", "offer", "proposal", "quote"]
