"""Sessions: one plain object per activity, beside the screens that draw it.

`review.ReviewSession` (a deck's review of the day) and `speed.SpeedRound` (a timed speed
round). They hold the activity's state and decisions, take their clocks as arguments and
write through the Store; they import no Textual, so they are tested without a terminal.
`mixed.MixedReviewSession` reviews every deck at once (deck id ALL_DECKS).
`leaderboard` formats a ranked round the one way the results screen and `quizzer scores`
both show it.
Import the modules themselves: this package imports nothing, so that starting a review
does not load the speed challenge.
"""

ALL_DECKS = ""
"""The deck id that stands for every deck (`quizzer review --all`; no deck's id is empty)."""
