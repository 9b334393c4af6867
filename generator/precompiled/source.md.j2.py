# source.md.j2, compiled by `python -m generator.precompiled` with Jinja 3.1.6 from the text with sha1 3939162420b576e2f03f93dc948361fe5b76099e
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'source.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_entity = resolve('entity')
    l_0_page = resolve('page')
    l_0_paragraphs = resolve('paragraphs')
    l_0_data = missing
    pass
    l_0_data = environment.getattr((undefined(name='entity') if l_0_entity is missing else l_0_entity), 'data')
    context.vars['data'] = l_0_data
    context.exported_vars.add('data')
    yield '# '
    yield str(environment.finalize(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'title')))
    yield '\n\n**Published:** '
    yield str(environment.finalize(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'published')))
    if environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'publisher'):
        pass
        yield ' by '
        yield str(environment.finalize(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'publisher')))
    yield '\n\n'
    if environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'url'):
        pass
        yield '**Original:** '
        yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'external'), environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'url'))))
        yield '\n\n'
    yield 'The full text of the document as filed in the briefing. Highlighted passages are cited; the links after each one lead to the facts that cite it.\n\n'
    for l_1_paragraph in (undefined(name='paragraphs') if l_0_paragraphs is missing else l_0_paragraphs):
        _loop_vars = {}
        pass
        yield str(environment.finalize(l_1_paragraph))
        yield '\n\n'
    l_1_paragraph = missing

blocks = {}
debug_info = '1=15&2=19&4=21&7=27&8=30&13=33&14=36'
