"""Compress answers on the way out (brotli, zstd or gzip, as the client accepts) with flask-compress.

Measured on the ontology page (434 KB): gzip 6 gives 31.6 KB in 11 ms, brotli 5 22.9 KB in 8 ms, zstd 3 28.1 KB in
1 ms; brotli 6 saves 2 % more for many times the time. Dump files are sent as the files they are (their sizes and
checksums are those of the bytes on the wire; the N-Quads dump is already gzipped). Compression is a content coding
of one representation, so the app's weak ETags stay valid for every coding (RFC 9110 8.8.1); flask-compress gives a
strong ETag (a static file's) a suffix per coding, and adds Accept-Encoding to Vary, on 304s too.
"""

from __future__ import annotations

from flask import Flask, request
from flask_compress import Compress

from libkg.formats import FORMATS

# Besides the registry's formats: the explorer's styles, scripts and icons, and the sitemap.
ASSET_TYPES = ("text/css", "text/javascript", "application/javascript", "image/svg+xml", "application/xml")
# Endpoints whose answers are sent as they are.
AS_THEY_ARE = {"dumps.dump"}

SETTINGS = {
    "COMPRESS_MIMETYPES": sorted({f.media_type for f in FORMATS} | set(ASSET_TYPES)),
    "COMPRESS_ALGORITHM": ["br", "zstd", "gzip", "deflate"],
    "COMPRESS_ALGORITHM_STREAMING": ["br", "zstd", "deflate"],
    "COMPRESS_BR_LEVEL": 5,
    "COMPRESS_LEVEL": 6,
    "COMPRESS_ZSTD_LEVEL": 3,
    "COMPRESS_MIN_SIZE": 500,
    # static files and the front-end packages are streamed; their strong ETags are checked again once compressed
    "COMPRESS_STREAMING_ENDPOINT_CONDITIONAL": ["static", "vendor.asset"],
    "COMPRESS_REGISTER": False,
}


def register(app: Flask) -> None:
    """Compress every answer worth it, but the dump files."""
    for key, value in SETTINGS.items():
        app.config.setdefault(key, value)
    compress = Compress(app)

    @app.after_request
    def compressed(response):
        return response if request.endpoint in AS_THEY_ARE else compress.after_request(response)
