// unknown caller of c13's exported get(): no retry
const { get } = require('../c13-exported-plus-guarded-caller.cjs');
const port = Number(process.env.PORT);
get(port, '/imp/1', (err) => {
  console.log(err ? err.code : 'ok');
  setTimeout(() => get(port, '/imp/2', (e2) => console.log(e2 ? e2.code : 'ok')), 20);
});
