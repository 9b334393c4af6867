# goal.md.j2, compiled by `python -m generator.precompiled` with Jinja 3.1.6 from the text with sha1 7f6d078fdf4f7dd4364814ff5ed64f8a317b0c1c
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'goal.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_entity = resolve('entity')
    l_0_page = resolve('page')
    pass
    yield '# '
    yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='entity') if l_0_entity is missing else l_0_entity), 'data'), 'title')))
    yield '\n\n**Parties:** '
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'refs'), 'participants', environment.getattr(environment.getattr((undefined(name='entity') if l_0_entity is missing else l_0_entity), 'data'), 'parties'))))
    yield '\n\n'
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'fact_list'), environment.getattr((undefined(name='entity') if l_0_entity is missing else l_0_entity), 'facts'))))
    yield '\n\n'
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'footnotes'))))
    yield '\n'

blocks = {}
debug_info = '1=14&3=16&5=18&7=20'
