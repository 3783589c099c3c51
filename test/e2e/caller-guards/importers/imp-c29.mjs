// unknown caller of c29's default-exported fetchText: no retry
import api from '../c29-export-default-object.mjs';
const port = Number(process.env.PORT);
for (const p of ['/imp/1', '/imp/2']) {
  try { await api.fetchText(port, p); console.log('ok'); } catch (e) { console.log(e.code); }
  await new Promise((r) => setTimeout(r, 20));
}
