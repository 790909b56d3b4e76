"""The PostgreSQL server that the pgserver package bundles, for scripts/pg.sh when no system PostgreSQL is found.

Prints the folder of its binaries (initdb, pg_ctl, pg_dump…) and the system user to run them as: PostgreSQL
refuses to run as root, so as root the `postgres` user is used if there is one, else a `pgserver` user is
created (as pgserver itself does), and the binaries are made readable and reachable for that user.
"""

from __future__ import annotations

import os
import pwd
import stat
import sys
from pathlib import Path


def main() -> int:
    try:
        import pgserver
    except ImportError:
        print("no PostgreSQL server found: install it (Debian: apt-get install postgresql), or `make setup` "
              "(installs the pgserver package), or set BWMS_TEST_PG_URL", file=sys.stderr)
        return 1
    bindir = Path(pgserver.__file__).parent / "pginstall" / "bin"
    user = ""
    if os.geteuid() == 0:
        from pgserver.utils import ensure_folder_permissions, ensure_prefix_permissions, ensure_user_exists

        try:
            user = pwd.getpwnam("postgres").pw_name
        except KeyError:
            user = "pgserver"
            ensure_user_exists(user)
        readable = stat.S_IRGRP | stat.S_IROTH
        ensure_prefix_permissions(bindir)
        ensure_folder_permissions(bindir, readable | stat.S_IXGRP | stat.S_IXOTH)
        ensure_folder_permissions(bindir.parent / "lib", readable)
        ensure_folder_permissions(bindir.parent / "share", readable)
    print(bindir, user)
    return 0


if __name__ == "__main__":
    sys.exit(main())
