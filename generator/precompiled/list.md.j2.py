# list.md.j2, compiled by `python -m generator.precompiled` with Jinja 3.1.6 from the text with sha1 f1932c4b6caef3bc8afd53c2c21389e2639cde99
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'list.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_title = resolve('title')
    l_0_page = resolve('page')
    l_0_subject = resolve('subject')
    l_0_anchor = resolve('anchor')
    l_0_intro = resolve('intro')
    l_0_items = resolve('items')
    l_0_pager = resolve('pager')
    pass
    yield '# '
    yield str(environment.finalize((undefined(name='title') if l_0_title is missing else l_0_title)))
    yield '\n\n'
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'link'), (undefined(name='subject') if l_0_subject is missing else l_0_subject), (undefined(name='anchor') if l_0_anchor is missing else l_0_anchor))))
    yield ': '
    yield str(environment.finalize((undefined(name='intro') if l_0_intro is missing else l_0_intro)))
    yield '\n\n'
    for l_1_item in (undefined(name='items') if l_0_items is missing else l_0_items):
        l_1_style = resolve('style')
        _loop_vars = {}
        pass
        yield '- '
        yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'list_item'), (undefined(name='style') if l_1_style is missing else l_1_style), l_1_item, _loop_vars=_loop_vars)))
        yield '\n'
    l_1_item = l_1_style = missing
    yield '\n'
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'pager'), (undefined(name='pager') if l_0_pager is missing else l_0_pager))))
    yield '\n'

blocks = {}
debug_info = '1=19&3=21&5=25&6=30&9=34'
