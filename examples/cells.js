// Cells: each `// %%` line starts a cell, with "Run cell", "Run cell and below" and "Run above"
// above it. Shift+Enter runs the cell at the cursor and moves to the next. All cells run in the
// same session, so a variable of one cell is there in the next.

// %% Read the heading
const heading = await page.textContent('h1');
heading

// %% Click the button and read it back
await page.click('#btn');
`${heading}: ${await page.textContent('#btn')}`

// %% A mistake: the error is marked on this cell's line in the editor and the Problems panel
heading.notAFunction()
