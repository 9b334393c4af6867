# event.md.j2, compiled by `python -m generator.precompiled` with Jinja 3.1.6 from the text with sha1 22ec3a4049f70a35f1d496da5f5cd72614483449
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'event.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_entity = resolve('entity')
    l_0_page = resolve('page')
    l_0_data = missing
    try:
        t_1 = environment.filters['event_date']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'event_date' found.")
    pass
    l_0_data = environment.getattr((undefined(name='entity') if l_0_entity is missing else l_0_entity), 'data')
    context.vars['data'] = l_0_data
    context.exported_vars.add('data')
    yield '# '
    yield str(environment.finalize(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'title')))
    yield '\n\n**When:** '
    yield str(environment.finalize(t_1(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'date'))))
    if environment.getattr(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'date'), 'basis'):
        pass
        yield ' ('
        yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'date'), 'basis')))
        yield ')'
    yield '\n\n'
    if environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'location'):
        pass
        yield '**Where:** '
        yield str(environment.finalize(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'location')))
        yield '\n\n'
    if environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'participants'):
        pass
        yield '**Participants:** '
        yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'refs'), 'participants', environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'participants'))))
        yield '\n\n'
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'fact_list'), environment.getattr((undefined(name='entity') if l_0_entity is missing else l_0_entity), 'facts'))))
    yield '\n\n'
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'footnotes'))))
    yield '\n'

blocks = {}
debug_info = '1=20&2=24&4=26&7=33&8=36&11=38&12=41&15=43&17=45'
