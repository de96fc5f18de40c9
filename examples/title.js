// Select a line (or several) and run "Firecrawl: Run in scrape session" from the right-click
// menu or with Ctrl+Alt+Enter. `page` is the scrape job's live Playwright page; the value of
// the last expression is the result. Nothing selected runs the whole file.
await page.title()

await page.click('#btn');
await page.textContent('#btn')

await page.$$eval('li', (items) => items.map((li) => li.textContent))
