# questions_index.md.j2, compiled by `python -m generator.precompiled` with Jinja 3.1.6 from the text with sha1 4fe6669fc2793abf3a0ccbdec55abf3138052f35
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'questions_index.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_title = resolve('title')
    l_0_entities = resolve('entities')
    l_0_page = resolve('page')
    l_0_pager = resolve('pager')
    try:
        t_1 = environment.filters['status']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'status' found.")
    pass
    yield '# '
    yield str(environment.finalize((undefined(name='title') if l_0_title is missing else l_0_title)))
    yield '\n\n| Question | Status | As of |\n|---|---|---|\n'
    for l_1_entity in (undefined(name='entities') if l_0_entities is missing else l_0_entities):
        _loop_vars = {}
        pass
        yield '| '
        yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'link'), l_1_entity, _loop_vars=_loop_vars)))
        yield ' | '
        yield str(environment.finalize(t_1(environment.getattr(environment.getitem(environment.getattr(environment.getattr(l_1_entity, 'data'), 'history'), -1), 'status'))))
        yield ' | '
        yield str(environment.finalize(environment.getattr(environment.getitem(environment.getattr(environment.getattr(l_1_entity, 'data'), 'history'), -1), 'as_of')))
        yield ' |\n'
    l_1_entity = missing
    yield '\n'
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'pager'), (undefined(name='pager') if l_0_pager is missing else l_0_pager))))
    yield '\n'

blocks = {}
debug_info = '1=22&5=24&6=28&9=36'
