// unknown caller of c17's exported getAsync: no retry
import { getAsync } from '../c17-promisify-exported.mjs';
const base = `http://127.0.0.1:${process.env.PORT}`;
for (const p of ['/imp/1', '/imp/2']) {
  try { await getAsync(base + p); console.log('ok'); } catch (e) { console.log(e.code); }
  await new Promise((r) => setTimeout(r, 20));
}
