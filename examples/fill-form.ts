// TypeScript works too: the extension strips the types before sending the code as `node`.
// Run the whole file (nothing selected) or any part of it.
interface Greeting {
  name: string;
  echoed: string | null;
}

const name: string = 'Ada';
await page.fill('#name', name);
const greeting: Greeting = { name, echoed: await page.textContent('#echo') };
greeting
