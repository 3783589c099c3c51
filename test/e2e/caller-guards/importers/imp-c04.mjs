// outside caller of c04's exported class: can only reach the retrying get()
import { ServiceClient } from '../c04-class-private-exported.mjs';
const c = new ServiceClient(Number(process.env.PORT));
for (const p of ['/imp/1', '/imp/2']) {
  try { await c.get(p); console.log('ok'); } catch (e) { console.log(e.code); }
  await new Promise((r) => setTimeout(r, 20));
}
