"""What a briefing is: the declared fields of every kind, the table of kinds, the one walk over the fields that
link, the validated model, and its editions.

Plain data and pure functions, no I/O. Imports only `generator.errors`; every other stage reads this one.
"""
