#!/usr/bin/python3.11 -sE
"""`yishi` as installed by the Debian package: Debian's own Python 3.11 with the packages the
.deb carries under /opt/yishi/lib, and nothing from the user's site-packages or environment."""

import sys

sys.path.insert(0, "/opt/yishi/lib")

from desktop.__main__ import console_main

console_main()
