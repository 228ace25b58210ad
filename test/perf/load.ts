import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import autocannon from 'autocannon';

/**
 * `duration` seconds of POSTs to `url` over `connections` connections; each request takes the body and bearer token
 * `pick` gives for its sequence number (a token or body of its own per connection, as the benchmark does).
 */
export function postLoad(
  url: string,
  connections: number,
  duration: number,
  pick: (n: number) => { body: string; token: string },
): Promise<autocannon.Result> {
  let next = 0;
  return new Promise((resolve, reject) =>
    autocannon(
      {
        url,
        method: 'POST',
        connections,
        duration,
        requests: [
          {
            setupRequest: (req: any) => {
              const { body, token } = pick(next++);
              return { ...req, body, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } };
            },
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    ),
  );
}

/** Runs `work` under this process's CPU profiler; writes the profile to `file` when one is named. */
export async function profiled<T>(work: () => Promise<T>, file: string | undefined): Promise<T> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const result = await work();
  const { profile } = await session.post('Profiler.stop');
  if (file) writeFileSync(file, JSON.stringify(profile));
  session.disconnect();
  return result;
}
