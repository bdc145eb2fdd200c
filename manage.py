#!/usr/bin/env python
"""Developer entry point to Django's commands (development settings: JIANFU_DEBUG=1).

Operators use `jianfu manage <command>`, which reads the environment as it is."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jianfu.settings")
    os.environ.setdefault("JIANFU_DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
