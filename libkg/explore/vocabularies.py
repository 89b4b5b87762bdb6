"""Names and short definitions, in English and Chinese, of the terms of other vocabularies the graph uses.

The graph labels its own terms (lkg:) in both languages; the W3C and community vocabularies it reuses (rdf, rdfs,
owl, skos, dcterms, prov, schema, oa, ...) label theirs in English only, if at all, and their documents are not
loaded. This catalogue names them for readers, so that no property or kind shows as a bare prefixed name.
"""

from __future__ import annotations

from libkg.namespaces import EXTERNAL_PREFIXES

# Vocabularies the ontology's own metadata uses, besides libkg's prefixes.
OTHER_PREFIXES = {"dc": "http://purl.org/dc/elements/1.1/", "vann": "http://purl.org/vocab/vann/"}
NAMESPACES = {**EXTERNAL_PREFIXES, **OTHER_PREFIXES}

# Where each vocabulary is specified, named for the link a term page gives.
SPECIFICATIONS = {
    "rdf": ("RDF 1.1 Schema", "https://www.w3.org/TR/rdf11-schema/"),
    "rdfs": ("RDF 1.1 Schema", "https://www.w3.org/TR/rdf11-schema/"),
    "owl": ("OWL 2", "https://www.w3.org/TR/owl2-overview/"),
    "xsd": ("XML Schema datatypes", "https://www.w3.org/TR/xmlschema11-2/"),
    "skos": ("SKOS", "https://www.w3.org/TR/skos-reference/"),
    "dcterms": ("DCMI Metadata Terms", "https://www.dublincore.org/specifications/dublin-core/dcmi-terms/"),
    "dc": ("DCMI Metadata Terms", "https://www.dublincore.org/specifications/dublin-core/dcmi-terms/"),
    "schema": ("Schema.org", "https://schema.org/"),
    "org": ("W3C Organization Ontology", "https://www.w3.org/TR/vocab-org/"),
    "foaf": ("FOAF", "http://xmlns.com/foaf/spec/"),
    "prov": ("PROV-O", "https://www.w3.org/TR/prov-o/"),
    "fabio": ("FaBiO", "https://sparontologies.github.io/fabio/current/fabio.html"),
    "bibo": ("BIBO", "https://www.dublincore.org/specifications/bibo/"),
    "oa": ("Web Annotation Vocabulary", "https://www.w3.org/TR/annotation-vocab/"),
    "spdx": ("SPDX", "https://spdx.org/rdf/terms/"),
    "vann": ("VANN", "https://vocab.org/vann/"),
}

# prefixed name: (English name, Chinese name, English definition, Chinese definition)
PROPERTIES = {
    "rdf:type": ("type", "类型", "The kind (class) a resource belongs to.", "资源所属的类别（类）。"),
    "rdf:first": ("first item", "首项", "The first item of a list.", "列表中的第一项。"),
    "rdf:rest": ("rest of list", "其余项", "The list that follows the first item.", "第一项之后的其余列表。"),
    "rdfs:label": ("name", "名称", "A name of the resource for people to read.", "供人阅读的资源名称。"),
    "rdfs:comment": ("comment", "说明", "A description of the resource for people to read.", "供人阅读的资源说明。"),
    "rdfs:seeAlso": ("see also", "另见", "A resource that says more about this one.", "对本资源有进一步说明的资源。"),
    "rdfs:isDefinedBy": ("defined by", "定义于", "The vocabulary that defines the term.", "定义该术语的词表。"),
    "rdfs:subClassOf": ("broader kind", "上位类", "Every member of this class is also a member of that class.",
                        "本类的每个成员也都是该类的成员。"),
    "rdfs:subPropertyOf": ("broader property", "上位属性", "Whatever this property links, that property links too.",
                           "凡本属性相连的资源，该属性也同样相连。"),
    "rdfs:domain": ("applies to", "定义域", "The kind of thing a property describes.", "属性所描述的事物类别。"),
    "rdfs:range": ("values are", "值域", "The kind of value a property takes.", "属性取值的类别。"),
    "owl:inverseOf": ("inverse of", "互逆于", "The property that states the same link the other way round.",
                      "以相反方向陈述同一联系的属性。"),
    "owl:equivalentClass": ("same kind as", "等价类", "A class with exactly the same members.", "成员完全相同的类。"),
    "owl:intersectionOf": ("all of", "交集", "The classes whose common members make up this class.", "其共同成员构成本类的各个类。"),
    "owl:unionOf": ("any of", "并集", "The classes whose members together make up this class.", "其成员合起来构成本类的各个类。"),
    "owl:onProperty": ("on property", "限定属性", "The property a restriction is about.", "限制所针对的属性。"),
    "owl:hasValue": ("has value", "取值为", "The value the restricted property must have.", "受限属性必须具有的值。"),
    "owl:members": ("members", "成员", "The classes that share no members with each other.", "彼此没有共同成员的各个类。"),
    "owl:versionIRI": ("version IRI", "版本 IRI", "The address of this version of the ontology.", "本体此版本的地址。"),
    "owl:versionInfo": ("version", "版本", "The version of the ontology.", "本体的版本号。"),
    "owl:annotatedSource": ("annotated subject", "被注释的主语", "The subject of the statement an axiom explains.",
                            "公理所解释的陈述的主语。"),
    "owl:annotatedProperty": ("annotated property", "被注释的属性", "The property of the statement an axiom explains.",
                              "公理所解释的陈述的属性。"),
    "owl:annotatedTarget": ("annotated object", "被注释的宾语", "The object of the statement an axiom explains.",
                            "公理所解释的陈述的宾语。"),
    "skos:prefLabel": ("preferred name", "首选名称", "The preferred name of a concept in a language.", "概念在某种语言中的首选名称。"),
    "skos:altLabel": ("other name", "别名", "Another name a concept is known by.", "概念的其他名称。"),
    "skos:definition": ("definition", "定义", "What the resource means, in a sentence.", "用一句话说明资源的含义。"),
    "skos:scopeNote": ("scope note", "范围注释", "What a concept covers and what it leaves out.", "概念涵盖与不涵盖的范围。"),
    "skos:note": ("note", "注释", "A note for readers.", "供读者参考的注释。"),
    "skos:editorialNote": ("editorial note", "编者注", "A note from the curators about how the record was made.",
                           "编者关于记录如何编制的说明。"),
    "skos:broader": ("broader concept", "上位概念", "A more general concept.", "更宽泛的概念。"),
    "skos:narrower": ("narrower concept", "下位概念", "A more specific concept.", "更具体的概念。"),
    "skos:inScheme": ("in vocabulary", "所属词表", "The concept scheme the concept belongs to.", "概念所属的概念体系。"),
    "skos:hasTopConcept": ("top concept", "顶层概念", "A concept at the top of the scheme.", "位于概念体系顶层的概念。"),
    "skos:topConceptOf": ("top concept of", "顶层概念所属", "The scheme whose top the concept is at.", "概念位于其顶层的概念体系。"),
    "dc:creator": ("creator", "创建者", "Who made the resource.", "资源的创建者。"),
    "dcterms:creator": ("creator", "创建者", "Who made the resource.", "资源的创建者。"),
    "dcterms:title": ("title", "题名", "The title of a work, as printed.", "作品印出的题名。"),
    "dcterms:description": ("description", "描述", "An account of the resource.", "对资源的说明。"),
    "dcterms:created": ("created", "创建日期", "When the resource was made.", "资源的创建日期。"),
    "dcterms:issued": ("issued", "发表时间", "When the resource was published.", "资源的发表时间。"),
    "dcterms:license": ("licence", "许可", "The licence under which the resource may be used.", "使用该资源所依据的许可。"),
    "dcterms:format": ("format", "格式", "The file format of the resource.", "资源的文件格式。"),
    "dcterms:language": ("language", "语言", "A language the resource is in.", "资源所用的语言。"),
    "dcterms:source": ("source", "来源", "A resource this one is derived from.", "本资源所依据的来源。"),
    "dcterms:subject": ("subject", "主题", "What the resource is about.", "资源所涉及的主题。"),
    "dcterms:type": ("type", "类型", "The nature or genre of the resource.", "资源的性质或类型。"),
    "dcterms:isPartOf": ("part of", "属于", "A larger resource this one is part of.", "本资源所属的更大资源。"),
    "dcterms:references": ("references", "提及", "A resource this one refers to.", "本资源提及的资源。"),
    "prov:wasDerivedFrom": ("derived from", "来源于", "A resource this one was made from.", "本资源据以产生的资源。"),
    "prov:wasAttributedTo": ("attributed to", "归属于", "Who is responsible for the resource.", "对资源负责的主体。"),
    "schema:about": ("about", "关于", "What the resource is about.", "资源所关于的对象。"),
    "schema:audience": ("audience", "受众", "Who the resource is meant for.", "资源面向的对象。"),
    "schema:author": ("author", "作者", "Who wrote the work.", "作品的作者。"),
    "schema:containedInPlace": ("within place", "所在地区", "A larger place this place lies in.", "该地点所在的更大地区。"),
    "schema:isPartOf": ("part of", "属于", "A larger work this one is part of.", "本作品所属的更大作品。"),
    "schema:issn": ("ISSN", "ISSN", "The International Standard Serial Number of a periodical.", "连续出版物的国际标准连续出版物号。"),
    "schema:location": ("location", "位置", "Where the resource is.", "资源所在的地点。"),
    "schema:provider": ("provider", "提供者", "Who provides the service.", "服务的提供者。"),
    "schema:sponsor": ("sponsor", "主办单位", "Who sponsors the resource.", "资源的主办或资助单位。"),
    "bibo:issn": ("ISSN", "ISSN", "The International Standard Serial Number of a periodical.", "连续出版物的国际标准连续出版物号。"),
    "bibo:issue": ("issue", "期号", "The issue of a periodical a work appeared in.", "作品所在的期刊期号。"),
    "org:hasUnit": ("has unit", "下设单位", "A unit that is part of the organization.", "组织的下属单位。"),
    "org:unitOf": ("unit of", "所属组织", "The organization this unit is part of.", "该单位所属的组织。"),
    "oa:hasSource": ("source text", "来源文本", "The text a passage is taken from.", "段落所出自的文本。"),
    "oa:hasSelector": ("position", "位置选择器", "How the passage is found in its text.", "在文本中定位段落的方式。"),
    "oa:start": ("start", "起点", "Where the passage starts, in characters from the beginning of the text.",
                 "段落的起始位置（自文本开头起的字符数）。"),
    "oa:end": ("end", "终点", "Where the passage ends (exclusive), in characters from the beginning of the text.",
               "段落的结束位置（不含），自文本开头起的字符数。"),
    "spdx:checksum": ("checksum", "校验和", "A fingerprint of the file's content.", "文件内容的指纹。"),
    "spdx:algorithm": ("algorithm", "算法", "How the checksum is computed.", "计算校验和的算法。"),
    "spdx:checksumValue": ("checksum value", "校验值", "The checksum itself.", "校验和的值。"),
    "vann:preferredNamespacePrefix": ("preferred prefix", "首选前缀", "The short prefix to write the vocabulary's terms with.",
                                      "书写该词表术语时使用的简短前缀。"),
    "vann:preferredNamespaceUri": ("namespace", "命名空间", "The address all the vocabulary's terms start with.",
                                   "该词表所有术语共同的地址开头。"),
}

CLASSES = {
    "rdfs:Class": ("class", "类", "A kind of thing.", "一类事物。"),
    "owl:Class": ("class", "类", "A kind of thing.", "一类事物。"),
    "owl:ObjectProperty": ("object property", "对象属性", "A property that links two resources.", "连接两个资源的属性。"),
    "owl:DatatypeProperty": ("datatype property", "数据属性", "A property whose values are text, numbers or dates.",
                             "取值为文本、数字或日期的属性。"),
    "owl:AnnotationProperty": ("annotation property", "注释属性", "A property for names, notes and other annotations.",
                               "用于名称、注释等标注的属性。"),
    "owl:FunctionalProperty": ("functional property", "函数型属性", "A property with at most one value per resource.",
                               "每个资源至多只有一个值的属性。"),
    "owl:TransitiveProperty": ("transitive property", "传递属性", "A property that carries over chains: if a to b and b to c, then a to c.",
                               "可沿链条传递的属性：若 a 到 b 且 b 到 c，则 a 到 c。"),
    "owl:Ontology": ("ontology", "本体", "A vocabulary of classes and properties with their meaning.", "由类和属性及其含义构成的词表。"),
    "owl:Restriction": ("restriction", "限制", "A class defined by a condition on a property.", "由某属性上的条件定义的类。"),
    "owl:Axiom": ("annotated statement", "注释公理", "A statement with notes about it, such as the curators' reason.",
                  "附有说明（如编者理由）的陈述。"),
    "owl:AllDisjointClasses": ("disjoint classes", "互斥类", "Classes that share no members.", "彼此没有共同成员的类。"),
    "skos:Concept": ("concept", "概念", "An idea or notion in a controlled vocabulary.", "受控词表中的一个概念。"),
    "skos:ConceptScheme": ("concept scheme", "概念体系", "A controlled vocabulary of concepts.", "由概念构成的受控词表。"),
    "prov:Entity": ("entity", "实体", "Something whose origin can be traced.", "可以追溯其来源的事物。"),
    "prov:Organization": ("organization", "组织", "An organization that can be responsible for something.", "可对某事负责的组织。"),
    "prov:Person": ("person", "人", "A person who can be responsible for something.", "可对某事负责的人。"),
    "prov:Location": ("location", "地点", "A place.", "一个地点。"),
    "prov:Collection": ("collection", "集合", "A set of entities taken together.", "合在一起看待的一组实体。"),
    "foaf:Document": ("document", "文献", "A document.", "一份文献。"),
    "foaf:Organization": ("organization", "组织", "An organization.", "一个组织。"),
    "foaf:Group": ("group", "群体", "A group of people or agents.", "一群人或主体。"),
    "foaf:Person": ("person", "人", "A person.", "一个人。"),
    "org:Organization": ("organization", "组织", "An organization.", "一个组织。"),
    "org:FormalOrganization": ("formal organization", "正式组织", "An organization recognised in law or by the world at large.",
                               "在法律上或社会上得到承认的组织。"),
    "org:OrganizationalUnit": ("organizational unit", "组织单位", "A part of a larger organization.", "较大组织的组成部分。"),
    "fabio:Expression": ("expression", "表达", "A realisation of a work, such as an article's text.", "作品的一种实现，如文章的文本。"),
    "fabio:JournalArticle": ("journal article", "期刊论文", "An article published in a journal.", "发表在期刊上的文章。"),
    "fabio:Thesis": ("thesis", "学位论文", "A thesis written for an academic degree.", "为取得学位而撰写的论文。"),
    "fabio:Journal": ("journal", "期刊", "A scholarly periodical.", "学术连续出版物。"),
    "bibo:AcademicArticle": ("academic article", "学术论文", "A scholarly article.", "学术性文章。"),
    "bibo:Document": ("document", "文献", "A document.", "一份文献。"),
    "bibo:Thesis": ("thesis", "学位论文", "A thesis written for an academic degree.", "为取得学位而撰写的论文。"),
    "bibo:Journal": ("journal", "期刊", "A scholarly periodical.", "学术连续出版物。"),
    "owl:Thing": ("thing", "事物", "Anything.", "任何事物。"),
    "schema:Thing": ("thing", "事物", "Anything.", "任何事物。"),
    "schema:CreativeWork": ("creative work", "创作作品", "A work such as a book, article or dataset.", "书籍、文章或数据集等作品。"),
    "schema:ScholarlyArticle": ("scholarly article", "学术文章", "A scholarly article.", "学术性文章。"),
    "schema:Periodical": ("periodical", "连续出版物", "A publication issued in a series.", "分期连续发行的出版物。"),
    "schema:DigitalDocument": ("digital document", "数字文献", "A document held as a file.", "以文件形式保存的文献。"),
    "schema:Dataset": ("dataset", "数据集", "A body of structured data.", "一组结构化数据。"),
    "schema:Collection": ("collection", "合集", "A set of works taken together.", "合在一起的一组作品。"),
    "schema:Organization": ("organization", "组织", "An organization.", "一个组织。"),
    "schema:Corporation": ("corporation", "公司", "A business organization.", "企业组织。"),
    "schema:Thesis": ("thesis", "学位论文", "A thesis written for an academic degree.", "为取得学位而撰写的论文。"),
    "schema:CollegeOrUniversity": ("college or university", "高等院校", "A college or university.", "大学或学院。"),
    "schema:Library": ("library", "图书馆", "A library.", "图书馆。"),
    "schema:Person": ("person", "人", "A person.", "一个人。"),
    "schema:Audience": ("audience", "受众", "A group a service or work is meant for.", "服务或作品所面向的群体。"),
    "schema:Service": ("service", "服务", "A service offered to people.", "向人们提供的服务。"),
    "schema:Place": ("place", "地点", "A place.", "一个地点。"),
    "schema:Country": ("country", "国家", "A country.", "一个国家。"),
    "schema:AdministrativeArea": ("administrative area", "行政区域", "A region with its own administration.", "具有自身行政管理的区域。"),
    "oa:SpecificResource": ("passage", "段落", "A part of a source text, such as a passage cited as evidence.",
                            "来源文本的一部分，如作为依据引用的段落。"),
    "oa:TextPositionSelector": ("text position", "文本位置", "A passage's start and end, in characters.", "段落的起止位置（以字符计）。"),
    "spdx:Checksum": ("checksum", "校验和", "A fingerprint of a file's content.", "文件内容的指纹。"),
}


def _expand(curie: str) -> str:
    """Expand a prefixed name of the catalogue to its IRI."""
    prefix, local = curie.split(":", 1)
    return NAMESPACES[prefix] + local


def _entries(table: dict[str, tuple[str, str, str, str]]) -> dict[str, dict[str, dict[str, str]]]:
    """Turn a table of prefixed names into labels and definitions by IRI and language."""
    return {_expand(curie): {"labels": {"en": en, "zh": zh}, "definitions": {"en": en_definition, "zh": zh_definition}}
            for curie, (en, zh, en_definition, zh_definition) in table.items()}


EXTERNAL_PROPERTIES = _entries(PROPERTIES)
EXTERNAL_CLASSES = _entries(CLASSES)
EXTERNAL_TERMS = {**EXTERNAL_PROPERTIES, **EXTERNAL_CLASSES}


def external_labels(iri: str) -> dict[str, str]:
    """Return the catalogue's names of an outside vocabulary's term by language (empty if it has none)."""
    return EXTERNAL_TERMS.get(iri, {}).get("labels", {})


def external_definitions(iri: str) -> dict[str, str]:
    """Return the catalogue's definitions of an outside vocabulary's term by language (empty if it has none)."""
    return EXTERNAL_TERMS.get(iri, {}).get("definitions", {})


def specification(iri: str) -> tuple[str, str, str] | None:
    """Return (prefix, name, address) of the specification that defines iri, for a vocabulary the catalogue knows."""
    for prefix, namespace in NAMESPACES.items():
        if iri.startswith(namespace) and prefix in SPECIFICATIONS:
            return (prefix, *SPECIFICATIONS[prefix])
    return None
