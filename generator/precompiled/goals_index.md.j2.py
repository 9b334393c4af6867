# goals_index.md.j2, compiled by `python -m generator.precompiled` with Jinja 3.1.6 from the text with sha1 7e53c3193ae97964f3f59e666df1297f0aa5aac7
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'goals_index.md.j2'

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
    pass
    yield '# '
    yield str(environment.finalize((undefined(name='title') if l_0_title is missing else l_0_title)))
    yield '\n\n| Goal | Parties |\n|---|---|\n'
    for l_1_entity in (undefined(name='entities') if l_0_entities is missing else l_0_entities):
        _loop_vars = {}
        pass
        yield '| '
        yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'link'), l_1_entity, _loop_vars=_loop_vars)))
        yield ' | '
        yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'refs'), 'participants', environment.getattr(environment.getattr(l_1_entity, 'data'), 'parties'), _loop_vars=_loop_vars)))
        yield ' |\n'
    l_1_entity = missing
    yield '\n'
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'pager'), (undefined(name='pager') if l_0_pager is missing else l_0_pager))))
    yield '\n'

blocks = {}
debug_info = '1=16&5=18&6=22&9=28'
