"""Security headers on every response: a strict Content-Security-Policy and its companions.

The policy allows only this site's own scripts, styles and images (plus data: images, which
GOV.UK Frontend's stylesheet uses), so an injected <script> or style="" attribute does nothing.
Templates therefore never use inline script or style: bars use CSS classes (surveys/assets).
The one exception is GOV.UK Frontend's own one-line script at the top of <body> (in
govuk_frontend_jinja's template.html), which marks the page as able to run its components;
it is allowed by its hash, as GOV.UK Frontend's documentation recommends, so no other inline
script can run.
"""

from __future__ import annotations

from flask import Flask, Response, request

# sha256 of: document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ?
# ' govuk-frontend-supported' : '');
GOVUK_FRONTEND_SCRIPT_HASH = "'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='"
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        f"script-src 'self' {GOVUK_FRONTEND_SCRIPT_HASH}",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    )
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
# Sent only over HTTPS (as the proxy says, where ProxyFix trusts it): over plain HTTP a browser
# ignores it, and a development server on http://localhost must not be pinned to HTTPS.
STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains"


def add_security_headers(response: Response) -> Response:
    """Return response with the security headers set, unless a view chose its own."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY)
    return response


def register(app: Flask) -> None:
    """Add the security headers to every response app sends, error pages included."""
    app.after_request(add_security_headers)
