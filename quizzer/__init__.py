"""quizzer: terminal spaced-repetition flashcards and speed quizzes from YAML decks."""

__version__ = "0.1.0"
