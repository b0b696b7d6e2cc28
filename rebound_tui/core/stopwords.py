"""English words too common to say anything about feedback. No Textual import."""

from __future__ import annotations

_WORDS = """
    a about above after again against all also although am an and any are aren't as at be
    because been before being below between both but by can can't cannot could couldn't did
    didn't do does doesn't doing don't down during each even ever every few for from further
    get gets getting got had hadn't has hasn't have haven't having he he'd he'll he's her here
    here's hers herself him himself his how how's however i i'd i'll i'm i've if in into is
    isn't it it's its itself just let's like made make many may me might more most much must
    mustn't my myself need no nor not now of off on once one only or other ought our ours
    ourselves out over own quite rather really said same say says see seemed shan't she she'd
    she'll she's should shouldn't so some still such than that that's the their theirs them
    themselves then there there's these they they'd they'll they're they've thing things this
    those though through to too under until up upon us very was wasn't we we'd we'll we're
    we've well were weren't what what's when when's where where's whether which while who
    who's whom why why's will with won't would wouldn't yet you you'd you'll you're you've your
    yours yourself yourselves also bit lot lots felt feel told tell think thought way ways
    want wanted within without around across along already always another back come came
    going gone good great next last new per put set take took use used
"""

STOP_WORDS: frozenset[str] = frozenset(_WORDS.split())
