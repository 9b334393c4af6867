# question.md.j2, compiled by `python -m generator.precompiled` with Jinja 3.1.6 from the text with sha1 15b2bc7546df9eb82eb59c4b28abd5ba4d624a91
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'question.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_entity = resolve('entity')
    l_0_page = resolve('page')
    l_0_data = l_0_current = missing
    try:
        t_1 = environment.filters['selectattr']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'selectattr' found.")
    try:
        t_2 = environment.filters['status']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'status' found.")
    pass
    l_0_data = environment.getattr((undefined(name='entity') if l_0_entity is missing else l_0_entity), 'data')
    context.vars['data'] = l_0_data
    context.exported_vars.add('data')
    l_0_current = environment.getitem(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'history'), -1)
    context.vars['current'] = l_0_current
    context.exported_vars.add('current')
    yield '# '
    yield str(environment.finalize(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'question')))
    yield '\n\n<span class="status status--'
    yield str(environment.finalize(environment.getattr((undefined(name='current') if l_0_current is missing else l_0_current), 'status')))
    yield '">'
    yield str(environment.finalize(t_2(environment.getattr((undefined(name='current') if l_0_current is missing else l_0_current), 'status'))))
    yield '</span> as of '
    yield str(environment.finalize(environment.getattr((undefined(name='current') if l_0_current is missing else l_0_current), 'as_of')))
    yield '\n\n## Why it matters\n\n'
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'fact_list'), t_1(context, environment.getattr((undefined(name='entity') if l_0_entity is missing else l_0_entity), 'facts'), 'field', 'eq', 'why_it_matters'))))
    yield '\n\n## Status\n\n'
    for l_1_cited in t_1(context, environment.getattr((undefined(name='entity') if l_0_entity is missing else l_0_entity), 'facts'), 'field', 'eq', 'history'):
        _loop_vars = {}
        pass
        yield '- **'
        yield str(environment.finalize(t_2(environment.getattr(environment.getattr(l_1_cited, 'fact'), 'status'))))
        yield '**, '
        yield str(environment.finalize(environment.getattr(environment.getattr(l_1_cited, 'fact'), 'as_of')))
        yield ': '
        yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'fact'), l_1_cited, _loop_vars=_loop_vars)))
        yield '\n'
        yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'fact_attrs'), l_1_cited, _loop_vars=_loop_vars)))
        yield '\n'
    l_1_cited = missing
    yield '\n**Participants involved:** '
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'refs'), 'participants', environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'participants'))))
    yield '\n'
    if environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'goals'):
        pass
        yield '\n**Related goals:** '
        yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'refs'), 'goals', environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'goals'))))
        yield '\n'
    if environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'facts'):
        pass
        yield '\n## Background\n\n'
        yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'fact_list'), t_1(context, environment.getattr((undefined(name='entity') if l_0_entity is missing else l_0_entity), 'facts'), 'field', 'eq', 'facts'))))
        yield '\n'
    yield '\n'
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'footnotes'))))
    yield '\n'

blocks = {}
debug_info = '1=26&2=29&3=33&5=35&9=41&13=43&14=47&15=53&18=57&19=59&21=62&23=64&27=67&30=70'
