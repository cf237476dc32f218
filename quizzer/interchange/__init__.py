"""Moving cards and history in and out of quizzer: Anki packages, CSV/TSV/Quizlet text,
another quizzer database (import) and Anki packages and CSV (export).

Everything here reads untrusted files: each problem becomes one `QuizzerError` line, and
an import builds and checks everything in memory before it writes a byte.
"""
