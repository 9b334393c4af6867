# participants_index.md.j2, compiled by `python -m generator.precompiled` with Jinja 3.1.6 from the text with sha1 fb5176ca7295ec8e32fe0a4b799f45e3fa631b84
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'participants_index.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_title = resolve('title')
    l_0_groups = resolve('groups')
    l_0_page = resolve('page')
    l_0_pager = resolve('pager')
    try:
        t_1 = environment.filters['kind_label']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'kind_label' found.")
    pass
    yield '# '
    yield str(environment.finalize((undefined(name='title') if l_0_title is missing else l_0_title)))
    yield '\n\n'
    for (l_1_heading, l_1_group) in (undefined(name='groups') if l_0_groups is missing else l_0_groups):
        _loop_vars = {}
        pass
        if l_1_heading:
            pass
            yield '## '
            yield str(environment.finalize(l_1_heading))
            yield '\n\n'
        yield '| Name | Kind | Role | Side | At the talks |\n|---|---|---|---|---|\n'
        for l_2_entity in l_1_group:
            l_2_briefing = resolve('briefing')
            l_2_sides = missing
            _loop_vars = {}
            pass
            l_2_sides = context.call(environment.getattr(environment.getattr((undefined(name='briefing') if l_2_briefing is missing else l_2_briefing), 'sides'), 'get'), environment.getattr(l_2_entity, 'id'), (), _loop_vars=_loop_vars)
            _loop_vars['sides'] = l_2_sides
            yield '| '
            yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'link'), l_2_entity, _loop_vars=_loop_vars)))
            yield ' | <span class="cell-label">Kind:</span> '
            yield str(environment.finalize(t_1(environment.getattr(environment.getattr(l_2_entity, 'data'), 'kind'))))
            yield ' | '
            if environment.getattr(environment.getattr(l_2_entity, 'data'), 'role'):
                pass
                yield '<span class="cell-label">Role:</span> '
                yield str(environment.finalize(environment.getattr(environment.getattr(l_2_entity, 'data'), 'role')))
            yield ' | '
            if (undefined(name='sides') if l_2_sides is missing else l_2_sides):
                pass
                yield '<span class="cell-label">Side:</span> '
                yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'refs'), 'participants', (undefined(name='sides') if l_2_sides is missing else l_2_sides), _loop_vars=_loop_vars)))
            yield ' | <span class="cell-label">At the talks:</span> '
            yield str(environment.finalize(('Yes' if environment.getattr(environment.getattr(l_2_entity, 'data'), 'present') else 'No')))
            yield ' |\n'
        l_2_entity = l_2_briefing = l_2_sides = missing
        yield '\n'
    l_1_heading = l_1_group = missing
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'pager'), (undefined(name='pager') if l_0_pager is missing else l_0_pager))))
    yield '\n'

blocks = {}
debug_info = '1=22&3=24&4=27&5=30&10=33&11=38&13=41&17=60'
