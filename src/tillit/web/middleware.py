"""Swedish unless the person chose otherwise."""


class SwedishUnlessChosenMiddleware:
    """Ignore the browser's Accept-Language so the interface is Swedish by default.

    Municipal staff often run browsers set to English; the guideline's users expect Swedish.
    English is one click away in the language menu, which sets the language cookie that
    LocaleMiddleware honours.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
