"""The maintainer's other commands: scaffolding a file, a new project, pinning a changed seed, coverage.

Imports `pipeline` and everything below it; nothing imports it but the command line.
"""
