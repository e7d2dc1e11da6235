/**
 * Test and bench support: reads an event stream counting only its ids (a catch-up of 100,000
 * events, about 100 MiB, is not kept in memory), until `until(lastId)` says stop or the server
 * ends the stream.
 */
import http from 'node:http';

export interface StreamIds {
  count: number;
  /** Every id above the one before it. */
  ordered: boolean;
  lastId: number;
  /** The server ended the stream before `until` was satisfied. */
  closedEarly: boolean;
}

export function countStreamIds(
  url: string,
  headers: Record<string, string>,
  until: (lastId: number) => boolean,
): Promise<StreamIds> {
  return new Promise((resolve, reject) => {
    let count = 0;
    let lastId = 0;
    let ordered = true;
    let tail = '';
    let done = false;
    const req = http.get(url, { headers }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const lines = (tail + chunk).split('\n');
        tail = lines.pop() ?? '';
        for (const line of lines) {
          if (!line.startsWith('id: ')) continue;
          const id = Number(line.slice(4));
          if (id <= lastId) ordered = false;
          lastId = id;
          count++;
        }
        if (!done && until(lastId)) {
          done = true;
          resolve({ count, ordered, lastId, closedEarly: false });
          req.destroy();
        }
      });
      res.on('close', () => {
        if (!done) resolve({ count, ordered, lastId, closedEarly: true });
      });
    });
    req.on('error', (e) => (done ? undefined : reject(e)));
  });
}
