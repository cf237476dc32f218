from quizzer.cli import main

raise SystemExit(main())
