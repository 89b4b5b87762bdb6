"""The interface language (en or zh): chosen by ?lang=, kept in a cookie, with label fallback."""

from __future__ import annotations

from flask import Flask, g, request

LANGUAGES = ("en", "zh")
COOKIE = "lang"

MESSAGES = {
    "en": {
        "site": "libkg",
        "tagline": "Library services for innovation and entrepreneurship, as linked data",
        "home": "Home", "browse": "Browse", "search": "Search", "compare": "Compare", "query": "Query",
        "download": "Download", "language": "Language", "other_language": "中文", "switch_language": "切换到中文",
        "build": "Build", "skip": "Skip to content", "main_nav": "Main",
        "fallback_title": "Not available in English; shown in this language",
        "other_kind": "Other", "none": "none", "on_this_page": "On this page", "chart": "Chart",
        "badge_stated": "stated by source", "badge_curator": "curator inference", "badge_reasoner": "reasoner inference",
        "badge_knowledge": "curator knowledge", "badge_vocabulary": "curator vocabulary", "badge_ontology": "ontology",
        # home
        "home_title": "A knowledge graph of library services for innovation and entrepreneurship",
        "home_lead": "libkg brings together what three library-science studies report about how libraries support "
                     "innovation and entrepreneurship: the services they offer, the problems and influencing factors "
                     "the studies find, and the strategies, countermeasures and lessons they propose. Every statement "
                     "carries its source, in English and Chinese.",
        "total_triples": "{triples} triples in {graphs} named graphs, describing {resources} resources from {studies} studies.",
        "search_placeholder": "e.g. cooperation, 空间, 中小微",
        "start_here": "Where to start",
        "ep_browse": "Librarians and students: walk through the studies, the kinds of things and the vocabularies.",
        "ep_search": "Anyone: find a service, problem or strategy by a word in English or Chinese.",
        "ep_compare": "Researchers: see the studies side by side and which strategy themes recur.",
        "ep_query": "Data users: ask your own questions in SPARQL, starting from worked examples.",
        "ep_download": "Developers: take the whole graph as TriG, N-Quads, JSON-LD or Turtle.",
        "studies": "Studies", "study": "Study",
        "studies_shown": "The {shown} studies that report most, of {total}.", "all_studies": "All {total} studies",
        "holds_title": "What the graph holds",
        "holds_intro": "Resources of each kind (a kind includes its subkinds; types inferred by the reasoner count too).",
        "kind": "Kind", "instances": "Instances",
        "per_study_title": "What each study reports",
        "per_study_intro": "Items each study reports (lkg:reportedIn), by their most specific kind.",
        "graphs_title": "Named graphs",
        "graphs_intro": "Each source file is one named graph, so every statement says where it comes from.",
        "graph": "Graph", "source": "Holds", "triples": "Triples",
        "role_ontology": "the ontology", "role_shared": "shared records of what the sources name",
        # search
        "search_label": "Search labels and definitions in English and Chinese",
        "search_help": "Matches any part of a word, so Chinese words are found inside longer text. Names match before definitions.",
        "search_count": "{n} results for “{q}”.", "search_more": "Showing the best {n}.",
        "search_none": "Nothing matches “{q}”.",
        "matched_definition": "in the definition:", "matched_alt": "matches another name",
        "from_study": "From", "shared_graph": "Shared data:",
        # browse
        "classes": "Kinds of things", "schemes": "Vocabularies",
        "classes_intro": "The classes of the libkg ontology, each under its broader class, with how many resources belong to it.",
        "schemes_intro": "The concept schemes (SKOS) as trees of broader and narrower concepts; the number says how often the data uses a concept.",
        "concepts_count": "{n} concepts", "uses": "Uses in the data", "items_reported": "{n} items reported",
        "key_facts": "Key facts", "reported_items": "What the study reports",
        "all_statements": "All statements about this study", "compare_with_others": "Compare with the other studies",
        "class_definition": "Definition in the ontology", "no_instances": "Nothing in the graph is of this kind.",
        # compare
        "compare_title": "Compare the studies",
        "compare_intro": "One row per study, one column per property, in the manner of a research-knowledge-graph comparison. "
                         "Each value links to its page.",
        "comparison": "Studies side by side", "download_csv": "Download as CSV",
        "col_subject": "Subject", "col_library_type": "Library type", "col_users_served": "Users served",
        "col_place": "Place", "col_methods": "Methods", "col_sample": "Sample (size)", "col_problems": "Problems",
        "col_remedies": "Remedies", "col_themes": "Strategy themes", "size": "n = {n}",
        "themes_matrix": "Strategy themes across studies",
        "themes_matrix_intro": "Which remedies of each study a curator placed under each strategy theme. "
                               "The sources do not name these themes: the grouping is curator judgement (graph curator-links).",
        "theme": "Strategy theme", "recurs_in": "Studies",
        "compare_choose": "Tick up to {n} studies in this table and compare only those.",
        "compare_ticked": "Compare the ticked studies", "compare_tick": "Compare",
        "compare_chosen": "Comparing {n} chosen studies.", "compare_every_study": "Page through every study",
        # query
        "query_title": "Query the graph with SPARQL",
        "query_intro": "Write a SPARQL 1.1 query (libkg's prefixes are declared for you) or start from an example. "
                       "The default graph is the union of all named graphs. Endpoint:",
        "query_text": "Query", "format": "Format", "run": "Run",
        "download_results": "Download these results:", "share_link": "Link to this query",
        "examples": "Examples: the competency questions",
        "examples_intro": "The questions the graph was built to answer. Choose one to load it into the editor, then run it.",
        "show_query": "Show the query",
        # entity pages
        "evidence_title": "Evidence in the source", "evidence_read_in_source": "read it in the source text",
        "evidence_no_text": "This build has no copy of the source text; the passage is given by its position only.",
        "characters": "characters {start}–{end}",
        "source_file": "File", "source_read_for": "Read for", "source_passages": "The graph cites {n} passages of it.",
        "source_no_text": "This build has no copy of the source text (the sources folder was missing when it was built); "
                          "the passages are listed by position.",
        "source_help": "Shaded stretches are passages the graph cites as evidence, darker where passages overlap; "
                       "the small number after a passage leads to what it supports.",
        "passage_number": "passage {n}: what it supports", "passages_title": "Passages and what they support",
        "read_source": "Read the source text with its cited passages", "outside_source": "outside source", "at_least": "at least {n}", "open_list_note": "the source's list is open (“such as”, “etc.”): there may be more",
        "also_as": "Also as", "with_graphs": "with the named graph of each statement:", "page_data": "this page's data as",
        "truncated": "This resource has more statements than one page shows; query them all with",
        "neighbourhood": "Neighbourhood",
        "neighbourhood_label": "A graph of this resource, its neighbours and the links between them; the same links are listed below.",
        "graph_needs_script": "The graph view needs JavaScript; every link it draws is listed below.",
        "legend": "Lines:",
        "provenance_title": "Who makes each statement",
        "provenance_stated": "the source states it: a study's own graph, or the shared records of the actors, places and documents the sources name; its evidence shows the passage.",
        "provenance_knowledge": "the curators added it from outside the studies, with their reason or the outside source (graph curator-knowledge).",
        "provenance_curator": "a curator inferred it: a link between claims that no source states (graph curator-links).",
        "provenance_vocabulary": "the curators' own vocabulary: concept schemes, their labels and definitions.",
        "provenance_ontology": "the ontology defines it.",
        "provenance_reasoner": "the reasoner derived it from the ontology (graph inferred): types, inverse and broader properties.",
        "statements": "Statements", "referred_to_by": "Referred to by", "nothing_refers": "Nothing in the graph refers to this resource.",
        "incoming_range": "Statements {first}–{last} of {total} that refer to this resource.",
        "incoming_shown": "{shown} of {total} on this page",
        "previous_page": "Previous", "next_page": "Next", "page_n_of": "page {page} of {pages}",
        "query_all_incoming": "Query them all with SPARQL",
        "studies_range": "Studies {first}–{last} of {total}.", "items_range": "Resources {first}–{last} of {total}.",
        # entities, kinds, properties, look
        "source_heading": "Source", "this_resource": "this",
        "restated_count": "Restated by the reasoner ({n})",
        "cite_this_study": "Cite this study", "study_overview": "Study overview",
        "home_graph": "Unless marked otherwise, the statements below are in the graph",
        "as_data": "This page as data",
        "graph_show_all": "Show all {n}", "graph_show_fewer": "Show fewer",
        "graph_activate": "Tap to explore the graph", "graph_done": "Done", "graph_open_page": "Open its page",
        "graph_expand": "Show its links", "graph_collapse": "Hide its links", "graph_more": "{shown} of {total}",
        "graph_zoom_in": "Zoom in", "graph_zoom_out": "Zoom out", "graph_fit": "Fit to view",
        "graph_shown": "Showing {shown} of {total} neighbours.",
        "graph_role_ontology": "The ontology", "graph_role_reasoner": "Reasoner's inferences",
        "graph_role_curator": "Curator links", "graph_role_knowledge": "Curator knowledge",
        "graph_shared_actors": "Shared records: organizations and people", "graph_shared_places": "Shared records: places",
        "graph_shared_documents": "Shared records: documents", "graph_shared": "Shared records ({name})",
        "menu": "Menu",
        "class_place": "Place in the class tree", "a_class": "a kind of thing (class)",
        "broader_kinds": "Broader kinds", "narrower_kinds": "Narrower kinds", "members": "Members",
        "described_by": "Properties that describe it", "pointed_to_by": "Properties that point to it",
        "in_ontology_document": "Its entry in the ontology document", "in_specification": "Its definition in {name} (another site)",
        "properties": "Properties", "property_links": "What it links",
        "property_type_object": "a property linking two resources", "property_type_datatype": "a property whose values are text, numbers or dates",
        "property_type_annotation": "an annotation property (names, notes)", "property_type_any": "a property",
        "characteristic_functional": "at most one value", "characteristic_transitive": "transitive",
        "characteristic_symmetric": "symmetric",
        "domain": "Used on (domain)", "range": "Values (range)", "range_text": "text, numbers or dates",
        "inverse": "Inverse", "broader_properties": "Broader properties", "narrower_properties": "Narrower properties",
        "usage": "Use in the data", "usage_total": "{n} statements use it, by who makes them:",
        "usage_none": "No statement in the graph uses it.", "examples": "Examples",
        "cite_plain": "Plain text", "cite_title_supplied": "; the title in square brackets is the curators' own wording.", "full_stop": ".",
        "copy": "Copy", "copied": "Copied.",
        "ontology_title": "The libkg ontology", "ontology_contents": "Contents of the ontology document",
        "ontology_note": "The ontology's reference document, generated by pyLODE for this build: in English, with each term's Chinese name beside it. Every class and property also has a page in the explorer.",
        "ontology_open_in_explorer": "Open in the explorer", "ontology_made_by": "Generated by",
        "passage_at": "passage, characters {start}–{end}",
        "graph_page_title": "Named graph", "graph_made_by": "Who makes its statements:",
        "graph_size": "{triples} statements about {subjects} subjects.", "graph_download": "Download:",
        "turtle_dump": "Turtle dump", "graph_truncated": "Only the first {n} statements are shown.",
        "graph_subjects": "Subjects", "graph_subject": "Subject",
    },
    "zh": {
        "site": "libkg",
        "tagline": "面向创新创业的图书馆服务关联数据",
        "home": "首页", "browse": "浏览", "search": "搜索", "compare": "比较", "query": "查询",
        "download": "下载", "language": "语言", "other_language": "English", "switch_language": "Switch to English",
        "build": "构建", "skip": "跳到正文", "main_nav": "主导航",
        "fallback_title": "暂无中文，以此语言显示",
        "other_kind": "其他", "none": "无", "on_this_page": "本页内容", "chart": "图表",
        "badge_stated": "来源陈述", "badge_curator": "编者推断", "badge_reasoner": "推理机推断",
        "badge_knowledge": "编者补充知识", "badge_vocabulary": "编者词表", "badge_ontology": "本体",
        # home
        "home_title": "面向创新创业的图书馆服务知识图谱",
        "home_lead": "libkg 汇集三项图书馆学研究关于图书馆如何支持创新创业的论述：图书馆提供的服务、研究发现的问题与影响因素，"
                     "以及研究提出的策略、对策与启示。每条陈述都注明来源，并提供中英文两种语言。",
        "total_triples": "{triples} 个三元组，{graphs} 个命名图，描述来自 {studies} 项研究的 {resources} 个资源。",
        "search_placeholder": "例如：合作、空间、中小微",
        "start_here": "从这里开始",
        "ep_browse": "馆员与学生：按研究、事物类别和词表逐层浏览。",
        "ep_search": "所有人：用中文或英文词语查找服务、问题或策略。",
        "ep_compare": "研究者：并列比较各项研究，查看反复出现的策略主题。",
        "ep_query": "数据用户：从示例出发，用 SPARQL 提出自己的问题。",
        "ep_download": "开发者：以 TriG、N-Quads、JSON-LD 或 Turtle 格式获取整个图谱。",
        "studies": "研究", "study": "研究",
        "studies_shown": "共 {total} 项研究，此处列出报告条目最多的 {shown} 项。", "all_studies": "全部 {total} 项研究",
        "holds_title": "图谱包含什么",
        "holds_intro": "各类资源的数量（类别包含其子类；推理机推出的类型也计入）。",
        "kind": "类别", "instances": "实例数",
        "per_study_title": "各项研究报告的内容",
        "per_study_intro": "各项研究报告的条目（lkg:reportedIn），按最具体的类别统计。",
        "graphs_title": "命名图",
        "graphs_intro": "每个来源文件是一个命名图，因此每条陈述都能说明其出处。",
        "graph": "命名图", "source": "内容", "triples": "三元组",
        "role_ontology": "本体", "role_shared": "来源所提及对象的共享记录",
        # search
        "search_label": "在中英文标签和定义中搜索",
        "search_help": "匹配词语的任意部分，因此能在较长的中文文本中找到词语。名称匹配排在定义匹配之前。",
        "search_count": "“{q}”共有 {n} 条结果。", "search_more": "显示最相关的 {n} 条。",
        "search_none": "没有与“{q}”匹配的内容。",
        "matched_definition": "定义中：", "matched_alt": "与别名匹配",
        "from_study": "出自", "shared_graph": "共享数据：",
        # browse
        "classes": "事物类别", "schemes": "词表",
        "classes_intro": "libkg 本体中的类，按上位类排列，并注明属于各类的资源数量。",
        "schemes_intro": "以上下位关系树展示的概念体系（SKOS）；数字表示数据使用该概念的次数。",
        "concepts_count": "{n} 个概念", "uses": "在数据中的使用次数", "items_reported": "报告 {n} 个条目",
        "key_facts": "要点", "reported_items": "研究报告的内容",
        "all_statements": "关于本研究的全部陈述", "compare_with_others": "与其他研究比较",
        "class_definition": "本体中的定义", "no_instances": "图谱中没有属于此类别的内容。",
        # compare
        "compare_title": "比较各项研究",
        "compare_intro": "每项研究一行，每个属性一列，仿照研究知识图谱的比较表。每个值都链接到其页面。",
        "comparison": "研究并列比较", "download_csv": "下载 CSV",
        "col_subject": "研究对象", "col_library_type": "图书馆类型", "col_users_served": "服务对象",
        "col_place": "地点", "col_methods": "研究方法", "col_sample": "样本（规模）", "col_problems": "问题",
        "col_remedies": "改进举措", "col_themes": "策略主题", "size": "n = {n}",
        "themes_matrix": "各项研究中的策略主题",
        "themes_matrix_intro": "编者将各项研究的改进举措归入哪些策略主题。来源并未提出这些主题：归类属于编者判断（命名图 curator-links）。",
        "theme": "策略主题", "recurs_in": "研究数",
        "compare_choose": "在表中勾选最多 {n} 项研究，只比较这些研究。",
        "compare_ticked": "比较勾选的研究", "compare_tick": "比较",
        "compare_chosen": "正在比较所选的 {n} 项研究。", "compare_every_study": "逐页查看全部研究",
        # query
        "query_title": "用 SPARQL 查询图谱",
        "query_intro": "编写 SPARQL 1.1 查询（已预先声明 libkg 的前缀），或从示例开始。默认图为所有命名图的并集。查询端点：",
        "query_text": "查询", "format": "格式", "run": "运行",
        "download_results": "下载本次结果：", "share_link": "本查询的链接",
        "examples": "示例：能力问题",
        "examples_intro": "构建图谱时要回答的问题。选择一个即可载入编辑器，然后运行。",
        "show_query": "显示查询语句",
        # entity pages
        "evidence_title": "来源原文依据", "evidence_read_in_source": "在来源文本中阅读",
        "evidence_no_text": "本次构建没有来源文本的副本，此处只给出段落位置。",
        "characters": "第 {start}–{end} 字符",
        "source_file": "文件", "source_read_for": "对应研究：", "source_passages": "图谱引用了其中 {n} 个段落。",
        "source_no_text": "本次构建没有来源文本的副本（构建时缺少来源文件夹），下面按位置列出各段落。",
        "source_help": "底色标出图谱作为依据引用的段落，段落重叠处颜色更深；段落后的小数字链接到它所支持的内容。",
        "passage_number": "第 {n} 段：所支持的内容", "passages_title": "段落及其支持的内容",
        "read_source": "阅读来源文本及其被引用的段落", "outside_source": "外部来源", "at_least": "至少 {n}", "open_list_note": "来源的列举未穷尽（“如”“等”），实际可能更多",
        "also_as": "其他格式：", "with_graphs": "附每条陈述所在的命名图：", "page_data": "本页数据：",
        "truncated": "该资源的陈述超出单页所能显示的数量；可用以下方式查询全部：",
        "neighbourhood": "关联图",
        "neighbourhood_label": "本资源、相邻资源及其间联系的关系图；下方列出了同样的联系。",
        "graph_needs_script": "关系图需要 JavaScript；图中的每条联系都在下方列出。",
        "legend": "连线：",
        "provenance_title": "每条陈述由谁作出",
        "provenance_stated": "来源陈述：研究自身的命名图，或来源所提及的机构、地点和文件的共享记录；其原文依据可查看对应段落。",
        "provenance_knowledge": "编者补充知识：编者依据研究以外的知识补充，并注明理由或外部来源（命名图 curator-knowledge）。",
        "provenance_curator": "编者推断：任何来源都未陈述的论断之间的联系（命名图 curator-links）。",
        "provenance_vocabulary": "编者词表：编者自建的概念体系及其标签和定义。",
        "provenance_ontology": "由本体定义。",
        "provenance_reasoner": "推理机根据本体推出（命名图 inferred）：类型、互逆属性和上位属性。",
        "statements": "陈述", "referred_to_by": "被引用", "nothing_refers": "图谱中没有引用此资源的内容。",
        "incoming_range": "引用此资源的陈述：第 {first}–{last} 条，共 {total} 条。",
        "incoming_shown": "本页 {shown} 条，共 {total} 条",
        "previous_page": "上一页", "next_page": "下一页", "page_n_of": "第 {page} 页，共 {pages} 页",
        "query_all_incoming": "用 SPARQL 查询全部",
        "studies_range": "研究：第 {first}–{last} 项，共 {total} 项。", "items_range": "资源：第 {first}–{last} 个，共 {total} 个。",
        # entities, kinds, properties, look
        "source_heading": "出处", "this_resource": "本资源",
        "restated_count": "推理机的重述（{n}）",
        "cite_this_study": "引用本研究", "study_overview": "研究概览",
        "home_graph": "除另有标注外，以下陈述均来自命名图",
        "as_data": "本页数据",
        "graph_show_all": "显示全部 {n} 个", "graph_show_fewer": "少显示一些",
        "graph_activate": "轻触以浏览关系图", "graph_done": "完成", "graph_open_page": "打开其页面",
        "graph_expand": "展开其联系", "graph_collapse": "收起其联系", "graph_more": "{total} 个中的 {shown} 个",
        "graph_zoom_in": "放大", "graph_zoom_out": "缩小", "graph_fit": "适应窗口",
        "graph_shown": "显示 {total} 个相邻资源中的 {shown} 个。",
        "graph_role_ontology": "本体", "graph_role_reasoner": "推理机推断",
        "graph_role_curator": "编者推断的联系", "graph_role_knowledge": "编者补充知识",
        "graph_shared_actors": "共享记录：机构与人物", "graph_shared_places": "共享记录：地点",
        "graph_shared_documents": "共享记录：文件", "graph_shared": "共享记录（{name}）",
        "menu": "菜单",
        "class_place": "在类层级中的位置", "a_class": "一类事物（类）",
        "broader_kinds": "上位类", "narrower_kinds": "下位类", "members": "成员",
        "described_by": "描述它的属性", "pointed_to_by": "指向它的属性",
        "in_ontology_document": "本体文档中的条目", "in_specification": "{name} 中的定义（外部网站）",
        "properties": "属性", "property_links": "连接什么",
        "property_type_object": "连接两个资源的属性", "property_type_datatype": "取值为文本、数字或日期的属性",
        "property_type_annotation": "注释属性（名称、注释）", "property_type_any": "属性",
        "characteristic_functional": "至多一个值", "characteristic_transitive": "可传递",
        "characteristic_symmetric": "对称",
        "domain": "用于（定义域）", "range": "取值（值域）", "range_text": "文本、数字或日期",
        "inverse": "互逆属性", "broader_properties": "上位属性", "narrower_properties": "下位属性",
        "usage": "在数据中的使用", "usage_total": "共有 {n} 条陈述使用它，按陈述者统计：",
        "usage_none": "图谱中没有使用它的陈述。", "examples": "示例",
        "cite_plain": "纯文本", "cite_title_supplied": "；方括号中的题名由编者拟定。", "full_stop": "。",
        "copy": "复制", "copied": "已复制。",
        "ontology_title": "libkg 本体", "ontology_contents": "本体文档目录",
        "ontology_note": "本体的参考文档，由 pyLODE 为本次构建生成：正文为英文，每个术语旁附有中文名称。每个类和属性在浏览器中也有各自的页面。",
        "ontology_open_in_explorer": "在浏览器中打开", "ontology_made_by": "生成工具：",
        "passage_at": "段落（第 {start}–{end} 字符）",
        "graph_page_title": "命名图", "graph_made_by": "陈述者：",
        "graph_size": "{triples} 条陈述，涉及 {subjects} 个主语。", "graph_download": "下载：",
        "turtle_dump": "Turtle 转储文件", "graph_truncated": "只显示前 {n} 条陈述。",
        "graph_subjects": "主语", "graph_subject": "主语",
    },
}


def current_language() -> str:
    """Return the language of this request: ?lang=, then the cookie, then Accept-Language."""
    if "lang" not in g:
        asked = request.args.get("lang") or request.cookies.get(COOKIE)
        if asked not in LANGUAGES:
            asked = request.accept_languages.best_match(LANGUAGES, default="en")
        g.lang = asked
    return g.lang


def translate(key: str) -> str:
    """Return the interface text for key in the current language (English if missing)."""
    return MESSAGES[current_language()].get(key) or MESSAGES["en"].get(key, key)


def pick_label(values: dict[str, str], fallback: str = "") -> tuple[str, str | None]:
    """Pick the value in the current language; else another language, returned with its tag."""
    language = current_language()
    if values.get(language):
        return values[language], None
    for other in LANGUAGES + tuple(values):
        if values.get(other):
            return values[other], other
    return fallback, None


def register(app: Flask) -> None:
    """Expose the helpers to templates and remember a language chosen with ?lang=."""
    app.jinja_env.globals.update(t=translate, lang=current_language, pick_label=pick_label, languages=LANGUAGES)

    @app.after_request
    def remember_language(response):
        asked = request.args.get("lang")
        if asked in LANGUAGES and request.cookies.get(COOKIE) != asked:
            response.set_cookie(COOKIE, asked, max_age=365 * 24 * 3600, samesite="Lax")
        if response.mimetype == "text/html":
            response.vary.add("Cookie")
            response.vary.add("Accept-Language")
        return response
