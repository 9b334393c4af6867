# events_index.md.j2, compiled by `python -m generator.precompiled` with Jinja 3.1.6 from the text with sha1 ddbd3f2574717adc9c2f6a592b64ade3ae2b19aa
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'events_index.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_title = resolve('title')
    l_0_groups = resolve('groups')
    l_0_pager = resolve('pager')
    l_0_page = resolve('page')
    try:
        t_1 = environment.filters['event_date']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'event_date' found.")
    try:
        t_2 = environment.filters['upper_first']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'upper_first' found.")
    pass
    yield '# '
    yield str(environment.finalize((undefined(name='title') if l_0_title is missing else l_0_title)))
    yield '\n\nEvents in date order, each only as precise as its source allows.\n\n'
    for (l_1_heading, l_1_group) in (undefined(name='groups') if l_0_groups is missing else l_0_groups):
        _loop_vars = {}
        pass
        if l_1_heading:
            pass
            yield '## '
            yield str(environment.finalize(l_1_heading))
            yield '\n\n'
        for l_2_entity in l_1_group:
            _loop_vars = {}
            pass
            yield '- **'
            yield str(environment.finalize(t_2(t_1(environment.getattr(environment.getattr(l_2_entity, 'data'), 'date')))))
            yield '**: '
            yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'link'), l_2_entity, _loop_vars=_loop_vars)))
            yield '. '
            yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'fact'), environment.getitem(environment.getattr(l_2_entity, 'facts'), 0), _loop_vars=_loop_vars)))
            yield '\n'
        l_2_entity = missing
        if l_1_heading:
            pass
            yield '\n'
    l_1_heading = l_1_group = missing
    if (undefined(name='pager') if l_0_pager is missing else l_0_pager):
        pass
        yield '\n'
        yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'pager'), (undefined(name='pager') if l_0_pager is missing else l_0_pager))))
        yield '\n'
    yield '\n'
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'footnotes'))))
    yield '\n'

blocks = {}
debug_info = '1=28&5=30&6=33&7=36&10=38&11=42&13=49&17=53&19=56&22=59'
