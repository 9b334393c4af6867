# participant.md.j2, compiled by `python -m generator.precompiled` with Jinja 3.1.6 from the text with sha1 640bdc22984d837e196d90d0a258aedca922f71c
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'participant.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_entity = resolve('entity')
    l_0_page = resolve('page')
    l_0_members = resolve('members')
    l_0_said = resolve('said')
    l_0_backlinks = resolve('backlinks')
    l_0_data = missing
    try:
        t_1 = environment.filters['kind_label']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'kind_label' found.")
    try:
        t_2 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_3 = environment.filters['map']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'map' found.")
    pass
    l_0_data = environment.getattr((undefined(name='entity') if l_0_entity is missing else l_0_entity), 'data')
    context.vars['data'] = l_0_data
    context.exported_vars.add('data')
    yield '# '
    yield str(environment.finalize(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'name')))
    yield '\n\n- **Kind:** '
    yield str(environment.finalize(t_1(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'kind'))))
    yield '\n'
    if environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'role'):
        pass
        yield '- **Role:** '
        yield str(environment.finalize(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'role')))
        yield '\n'
    yield '- **At the talks:** '
    yield str(environment.finalize(('Yes' if environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'present') else 'No')))
    yield '\n'
    if environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'member_of'):
        pass
        yield '- **Part of:** '
        yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'refs'), 'participants', environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'member_of'))))
        yield '\n'
    if (undefined(name='members') if l_0_members is missing else l_0_members):
        pass
        yield '- **Members:** '
        yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'refs'), 'participants', t_2(context.eval_ctx, t_3(context, (undefined(name='members') if l_0_members is missing else l_0_members), attribute='id')))))
        if environment.getattr((undefined(name='members') if l_0_members is missing else l_0_members), 'listing'):
            pass
            yield ', '
            yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'more'), (undefined(name='members') if l_0_members is missing else l_0_members))))
        yield '\n'
    if environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'url'):
        pass
        yield '- **Website:** '
        yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'external'), environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'url'))))
        yield '\n'
    if environment.getattr((undefined(name='entity') if l_0_entity is missing else l_0_entity), 'facts'):
        pass
        yield '\n## Facts\n\n'
        yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'fact_list'), environment.getattr((undefined(name='entity') if l_0_entity is missing else l_0_entity), 'facts'))))
        yield '\n'
    if (undefined(name='said') if l_0_said is missing else l_0_said):
        pass
        yield '\n## In their words\n\n'
        for (l_1_owner, l_1_cited) in (undefined(name='said') if l_0_said is missing else l_0_said):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'quote'), l_1_owner, l_1_cited, _loop_vars=_loop_vars)))
            yield '\n'
        l_1_owner = l_1_cited = missing
        if environment.getattr((undefined(name='said') if l_0_said is missing else l_0_said), 'listing'):
            pass
            yield '- '
            yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'more'), (undefined(name='said') if l_0_said is missing else l_0_said))))
            yield '\n'
    if (undefined(name='backlinks') if l_0_backlinks is missing else l_0_backlinks):
        pass
        yield '\n## Named in\n\n'
        for l_1_other in (undefined(name='backlinks') if l_0_backlinks is missing else l_0_backlinks):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'link'), l_1_other, _loop_vars=_loop_vars)))
            yield '\n'
        l_1_other = missing
        if environment.getattr((undefined(name='backlinks') if l_0_backlinks is missing else l_0_backlinks), 'listing'):
            pass
            yield '- '
            yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'more'), (undefined(name='backlinks') if l_0_backlinks is missing else l_0_backlinks))))
            yield '\n'
    yield '\n'
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'footnotes'))))
    yield '\n'

blocks = {}
debug_info = '1=35&2=39&4=41&5=43&6=46&8=49&9=51&10=54&12=56&13=59&16=65&17=68&19=70&23=73&25=75&29=78&30=82&32=85&33=88&36=90&40=93&41=97&43=100&44=103&48=106'
