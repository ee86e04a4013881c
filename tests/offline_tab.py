"""One headless Chromium tab with the network off, shared by the view and site tests: every
request outside file:// is refused and kept, and so are script errors and dialogs."""
from __future__ import annotations

import re


class OfflineTab:
    def __init__(self, browser):
        self.errors, self.requests, self.dialogs = [], [], []
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.context.set_offline(True)
        self.context.route(re.compile(r"^(?!file:).*"), self._refuse)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)

    def _refuse(self, route):
        self.requests.append(route.request.url)
        route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def close(self):
        self.context.close()
