import { afterAll, beforeAll } from 'vitest';
import { startPostgres, type TestPostgres } from './test-support/postgres';
import { describeHistory } from './test-support/history-suite';

let pg: TestPostgres | undefined;
beforeAll(async () => {
  pg = await startPostgres();
}, 120_000);
afterAll(() => pg?.stop());

describeHistory('Postgres', () => ({ DATABASE_URL: pg!.url }));
