"""Scale benchmarks for the briefing generator: synthetic projects, measured stage by stage.

`python -m benchmarks` generates valid synthetic projects of N entities, times
and weighs each stage in fresh subprocesses, prints a table and the targets,
and times the live-preview edit loop on the real content. See README.md here.
"""
