# Python runs with Playwright's async API: `page` is the session's page, top-level await works,
# and print() goes to stdout; variables stay for the session's next python run. Needs Playwright for
# Python where the engine runs (scripts/setup.sh installs it into .cache/py; else pip install playwright).
title = await page.title()
print("title:", title)

links = await page.eval_on_selector_all("a", "els => els.map(e => e.href)")
for href in links:
    print(href)
