# home.md.j2, compiled by `python -m generator.precompiled` with Jinja 3.1.6 from the text with sha1 8cc761afe33612590bacd2d20a04a8c7a092ff3f
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'home.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_briefing = resolve('briefing')
    l_0_changes = resolve('changes')
    l_0_page = resolve('page')
    l_0_sides = resolve('sides')
    l_0_more_sides = resolve('more_sides')
    l_0_goals = resolve('goals')
    l_0_questions = resolve('questions')
    l_0_answered = resolve('answered')
    l_0_data_files = resolve('data_files')
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_2 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_3 = environment.filters['lower']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'lower' found.")
    try:
        t_4 = environment.filters['map']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'map' found.")
    try:
        t_5 = environment.filters['status']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'status' found.")
    try:
        t_6 = environment.filters['thousands']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'thousands' found.")
    pass
    yield '# '
    yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='briefing') if l_0_briefing is missing else l_0_briefing), 'meta'), 'title')))
    yield '\n\n<p class="as-of">As of '
    yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='briefing') if l_0_briefing is missing else l_0_briefing), 'meta'), 'as_of')))
    yield '</p>\n'
    if (undefined(name='changes') if l_0_changes is missing else l_0_changes):
        pass
        yield '\n**Last updated '
        yield str(environment.finalize(environment.getattr(environment.getitem((undefined(name='changes') if l_0_changes is missing else l_0_changes), 0), 'date')))
        yield ':** '
        yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'link'), environment.getattr(environment.getitem((undefined(name='changes') if l_0_changes is missing else l_0_changes), 0), 'entity'))))
        yield ' ('
        yield str(environment.finalize(t_3(environment.getattr(environment.getitem((undefined(name='changes') if l_0_changes is missing else l_0_changes), 0), 'what'))))
        yield ')\n'
    yield '\n'
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'fact_list'), environment.getattr((undefined(name='briefing') if l_0_briefing is missing else l_0_briefing), 'summary'))))
    yield '\n\n## Who is at the table\n\n'
    for l_1_side in (undefined(name='sides') if l_0_sides is missing else l_0_sides):
        _loop_vars = {}
        pass
        if environment.getattr(l_1_side, 'country'):
            pass
            yield '### '
            yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'link'), environment.getattr(l_1_side, 'country'), _loop_vars=_loop_vars)))
            if (not environment.getattr(environment.getattr(environment.getattr(l_1_side, 'country'), 'data'), 'present')):
                pass
                yield ' (not at the table)'
            yield '\n\n'
            if environment.getattr(environment.getattr(environment.getattr(l_1_side, 'country'), 'data'), 'role'):
                pass
                yield str(environment.finalize(environment.getattr(environment.getattr(environment.getattr(l_1_side, 'country'), 'data'), 'role')))
                yield '.\n\n'
        else:
            pass
            yield '### Others\n\n'
        if environment.getattr(l_1_side, 'present'):
            pass
            yield '**At the talks:** '
            yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'refs'), 'participants', t_2(context.eval_ctx, t_4(context, environment.getattr(l_1_side, 'present'), attribute='id')), _loop_vars=_loop_vars)))
            if environment.getattr(environment.getattr(l_1_side, 'present'), 'listing'):
                pass
                yield ', '
                yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'more'), environment.getattr(l_1_side, 'present'), _loop_vars=_loop_vars)))
            yield '\n\n'
        if environment.getattr(l_1_side, 'absent'):
            pass
            yield '**Not at the talks:** '
            yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'refs'), 'participants', t_2(context.eval_ctx, t_4(context, environment.getattr(l_1_side, 'absent'), attribute='id')), _loop_vars=_loop_vars)))
            if environment.getattr(environment.getattr(l_1_side, 'absent'), 'listing'):
                pass
                yield ', '
                yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'more'), environment.getattr(l_1_side, 'absent'), _loop_vars=_loop_vars)))
            yield '\n\n'
    l_1_side = missing
    if (undefined(name='more_sides') if l_0_more_sides is missing else l_0_more_sides):
        pass
        yield str(environment.finalize(t_6((undefined(name='more_sides') if l_0_more_sides is missing else l_0_more_sides))))
        yield ' more countries and their participants are listed under [Participants]('
        yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'url'), 'participants/index.md')))
        yield ').\n\n'
    yield '## Goals\n\n'
    if environment.getattr((undefined(name='goals') if l_0_goals is missing else l_0_goals), 'listing'):
        pass
        yield 'Showing '
        yield str(environment.finalize(t_1((undefined(name='goals') if l_0_goals is missing else l_0_goals))))
        yield ' of '
        yield str(environment.finalize(t_6(environment.getattr((undefined(name='goals') if l_0_goals is missing else l_0_goals), 'total'))))
        yield ' goals, the most recently updated first; all of them are under [Goals]('
        yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'url'), environment.getattr((undefined(name='goals') if l_0_goals is missing else l_0_goals), 'listing'))))
        yield ').\n\n'
    t_7 = 1
    for l_1_goal in (undefined(name='goals') if l_0_goals is missing else l_0_goals):
        _loop_vars = {}
        pass
        yield '- '
        yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'link'), l_1_goal, _loop_vars=_loop_vars)))
        yield ': '
        yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'refs'), 'participants', environment.getattr(environment.getattr(l_1_goal, 'data'), 'parties'), _loop_vars=_loop_vars)))
        yield '\n'
        t_7 = 0
    l_1_goal = missing
    if t_7:
        pass
        yield 'No goals recorded yet.\n'
    yield '\n## Open questions\n\n'
    if environment.getattr((undefined(name='questions') if l_0_questions is missing else l_0_questions), 'listing'):
        pass
        yield 'Showing '
        yield str(environment.finalize(t_1((undefined(name='questions') if l_0_questions is missing else l_0_questions))))
        yield ' of '
        yield str(environment.finalize(t_6(environment.getattr((undefined(name='questions') if l_0_questions is missing else l_0_questions), 'total'))))
        yield ' open questions, the most recently updated first; all of them are under [Open questions]('
        yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'url'), environment.getattr((undefined(name='questions') if l_0_questions is missing else l_0_questions), 'listing'))))
        yield ').\n\n'
    if (undefined(name='questions') if l_0_questions is missing else l_0_questions):
        pass
        yield '| Question | Status | As of |\n|---|---|---|\n'
        for l_1_question in (undefined(name='questions') if l_0_questions is missing else l_0_questions):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'link'), l_1_question, _loop_vars=_loop_vars)))
            yield ' | '
            yield str(environment.finalize(t_5(environment.getattr(environment.getitem(environment.getattr(environment.getattr(l_1_question, 'data'), 'history'), -1), 'status'))))
            yield ' | '
            yield str(environment.finalize(environment.getattr(environment.getitem(environment.getattr(environment.getattr(l_1_question, 'data'), 'history'), -1), 'as_of')))
            yield ' |\n'
        l_1_question = missing
    else:
        pass
        yield 'No open questions.\n'
    if (undefined(name='answered') if l_0_answered is missing else l_0_answered):
        pass
        yield '\n## Answered questions\n\n'
        if environment.getattr((undefined(name='answered') if l_0_answered is missing else l_0_answered), 'listing'):
            pass
            yield 'Showing '
            yield str(environment.finalize(t_1((undefined(name='answered') if l_0_answered is missing else l_0_answered))))
            yield ' of '
            yield str(environment.finalize(t_6(environment.getattr((undefined(name='answered') if l_0_answered is missing else l_0_answered), 'total'))))
            yield ', the most recently answered first; all of them are under [Open questions]('
            yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'url'), environment.getattr((undefined(name='answered') if l_0_answered is missing else l_0_answered), 'listing'))))
            yield ').\n\n'
        for l_1_question in (undefined(name='answered') if l_0_answered is missing else l_0_answered):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'link'), l_1_question, _loop_vars=_loop_vars)))
            yield ' ('
            yield str(environment.finalize(environment.getattr(environment.getitem(environment.getattr(environment.getattr(l_1_question, 'data'), 'history'), -1), 'as_of')))
            yield ')\n'
        l_1_question = missing
    yield '\n## Recent updates\n\n'
    t_8 = 1
    for l_1_change in (undefined(name='changes') if l_0_changes is missing else l_0_changes):
        _loop_vars = {}
        pass
        yield '- '
        yield str(environment.finalize(environment.getattr(l_1_change, 'date')))
        yield ': '
        yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'link'), environment.getattr(l_1_change, 'entity'), _loop_vars=_loop_vars)))
        yield ' ('
        yield str(environment.finalize(t_3(environment.getattr(l_1_change, 'what'))))
        yield ')\n'
        t_8 = 0
    l_1_change = missing
    if t_8:
        pass
        yield 'No dated updates yet.\n'
    yield '\n## Open data\n\nEverything on this site as data, with every citation and the place of its quote in the source:\n\n'
    for (l_1_label, l_1_path) in (undefined(name='data_files') if l_0_data_files is missing else l_0_data_files):
        _loop_vars = {}
        pass
        yield '- ['
        yield str(environment.finalize(l_1_label))
        yield ']('
        yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'url'), l_1_path, _loop_vars=_loop_vars)))
        yield ')\n'
    l_1_label = l_1_path = missing
    yield '\n## More\n\n- [Participants](participants/index.md): who is at the table, and who is not\n- [Timeline](events/index.md): what happened when\n- [Sources](sources/index.md): the documents every fact is drawn from\n\n'
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'footnotes'))))
    yield '\n'

blocks = {}
debug_info = '1=57&3=59&4=61&6=64&9=71&13=73&14=76&15=79&18=84&19=86&26=91&27=94&31=100&32=103&37=110&38=112&43=117&44=120&47=127&48=131&55=141&56=144&59=150&62=153&63=157&68=167&72=170&73=173&76=179&77=183&83=190&84=194&93=206&94=210&103=216'
