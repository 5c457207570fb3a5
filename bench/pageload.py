"""Page load on a phone: Largest Contentful Paint and Cumulative Layout Shift of the home, search, product and
cart pages, in production mode on localhost, in Chromium at 390x844 (touch, mobile) with the CPU slowed
down 4x through the DevTools protocol (``Emulation.setCPUThrottlingRate``).

The figures come from the browser's own performance APIs (PerformanceObserver for
``largest-contentful-paint`` and ``layout-shift`` entries, buffered), read once the page shows its data and
the network is idle. Each page is loaded once to warm the server, then ``ROUNDS`` times in fresh browser
contexts; medians are reported. Targets (issue #5): LCP at most 2500 ms, CLS at most 0.1.

Prints one line per page; the last line is one JSON object:
{"bench": "pageload", "cores": N, "cpu_slowdown": 4, "rounds": R,
 "home": {"lcp_ms": ..., "cls": ..., "lcp_ms_max": ..., "cls_max": ...}, "search": {...}, ...}
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import Browser, sync_playwright  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

from marketplace.models import Product  # noqa: E402
from tests.e2e.conftest import CHROMIUM_ARGS, PHONE  # noqa: E402
from tests.e2e.server import running_app  # noqa: E402

ROUNDS = 3
SLOWDOWN = 4
OBSERVE = r"""
window.__lcp = 0; window.__cls = 0; window.__shifts = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__lcp = e.startTime; })
  .observe({type: 'largest-contentful-paint', buffered: true});
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.hadRecentInput) continue;
    window.__cls += e.value;
    for (const s of e.sources || []) {
      const n = s.node;
      const name = n && n.nodeType === 1 ? n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') +
        (n.className && typeof n.className === 'string' ? '.' + n.className.trim().split(/\s+/).slice(0, 2).join('.') : '') : '#text';
      window.__shifts.push(`${name} ${e.value.toFixed(3)}`);
    }
  }
}).observe({type: 'layout-shift', buffered: true});
"""


def _measure(browser: Browser, base: str, path: str, ready: str, product: str | None) -> tuple[float, float]:
    context = browser.new_context(viewport=PHONE, base_url=base, is_mobile=True, has_touch=True,
                                  device_scale_factor=1)
    context.set_default_timeout(60_000)
    try:
        if product:  # the cart needs something in it: add one item first (not measured)
            page = context.new_page()
            page.goto(f"/p/{product}")
            page.locator("#add-to-cart").click()
            page.locator("#cart-count").filter(has_text="1").wait_for()
            page.close()
        page = context.new_page()
        page.add_init_script(OBSERVE)
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": SLOWDOWN})
        page.goto(path, wait_until="load")
        page.locator(ready).first.wait_for(state="visible")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)  # let a late layout shift or paint be recorded (a benchmark, not a test)
        lcp, cls, shifts = page.evaluate("[window.__lcp, window.__cls, window.__shifts]")
        if cls > 0.1:
            print(f"    {path}: layout shifts from {', '.join(shifts[:6])}")
        return float(lcp), float(cls)
    finally:
        context.close()


def main() -> None:
    executable = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
    result: dict[str, object] = {"bench": "pageload", "cores": os.cpu_count(), "cpu_slowdown": SLOWDOWN,
                                 "rounds": ROUNDS}
    with tempfile.TemporaryDirectory() as tmp, running_app(Path(tmp)) as app:
        with Session(app.engine()) as session:
            product = session.exec(select(Product).where(Product.featured.is_(True)).order_by(Product.id)).first()
        pages = {
            "home": ("/", ".product-card", None),
            "search": (f"/search?q={product.name.split()[-1].lower()}", ".product-card", None),
            "product": (f"/p/{product.slug}", "#product-price", None),
            "cart": ("/cart", ".cart-line", product.slug),
        }
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
            for name, (path, ready, needs) in pages.items():
                _measure(browser, app.base, path, ready, needs)  # warm-up
                runs = [_measure(browser, app.base, path, ready, needs) for _ in range(ROUNDS)]
                lcps, clss = [r[0] for r in runs], [r[1] for r in runs]
                figures = {"lcp_ms": round(statistics.median(lcps)), "cls": round(statistics.median(clss), 3),
                           "lcp_ms_max": round(max(lcps)), "cls_max": round(max(clss), 3)}
                result[name] = figures
                print(f"{name:8} LCP {figures['lcp_ms']} ms (max {figures['lcp_ms_max']}), "
                      f"CLS {figures['cls']} (max {figures['cls_max']})")
            browser.close()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
