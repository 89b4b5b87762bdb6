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
        "download": "Download", "language": "Language", "other_language": "中文",
        "build": "Build",
    },
    "zh": {
        "site": "libkg",
        "tagline": "面向创新创业的图书馆服务关联数据",
        "home": "首页", "browse": "浏览", "search": "搜索", "compare": "比较", "query": "查询",
        "download": "下载", "language": "语言", "other_language": "English",
        "build": "构建",
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
