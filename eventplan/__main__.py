import sys

from eventplan.cli import main

sys.exit(main())
