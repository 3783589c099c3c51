// Shared by the client programs: GET /a, /b and /c one after another (the second and third reuse a pooled
// connection), then release the agent so that the process can end.
export async function sendThree(url, get, release) {
  try {
    const statuses = [];
    for (const path of ['/a', '/b', '/c']) statuses.push(await get(`${url}${path}`));
    return statuses;
  } finally {
    await release();
  }
}
