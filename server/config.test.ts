import { describe, expect, it } from 'vitest';
import { describeConfig, loadConfig } from './config';

const SECRET = Buffer.alloc(32, 7).toString('base64');

describe('loadConfig', () => {
  it('defaults: sandbox, embedded store in ./data, a generated webhook secret', () => {
    const r = loadConfig({}, '/srv/app');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config).toMatchObject({
      mode: 'sandbox',
      port: 8787,
      dataDir: '/srv/app/data',
      webhookSecretSource: 'generated',
      retentionDays: 30,
    });
    expect(r.config.webhookSecret?.length).toBe(32);
  });

  it('HISTORY_RETENTION_DAYS: 90 days unless set, a whole number of days from 1', () => {
    const r = loadConfig({});
    expect(r.ok && r.config.historyRetentionDays).toBe(90);
    const set = loadConfig({ HISTORY_RETENTION_DAYS: '400' });
    expect(set.ok && set.config.historyRetentionDays).toBe(400);
    const bad = loadConfig({ HISTORY_RETENTION_DAYS: 'forever' });
    expect(bad.ok ? [] : bad.errors).toEqual([
      'HISTORY_RETENTION_DAYS must be a whole number from 1 to 3650 (got "forever")',
    ]);
  });

  it('real mode behind a trusted proxy needs PUBLIC_ORIGIN; TRUST_PROXY_HOPS is bounded', () => {
    const real = { CONSOLE_MODE: 'real', DAILY_API_KEY: 'key', DAILY_WEBHOOK_SECRET: SECRET };
    const r = loadConfig({ ...real, TRUST_PROXY: '1', TRUST_PROXY_HOPS: '0' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      'TRUST_PROXY_HOPS must be a whole number from 1 to 10 (got "0")',
      'PUBLIC_ORIGIN is required when CONSOLE_MODE=real and TRUST_PROXY=1: the https:// origin agents open the console at',
    ]);
    const ok = loadConfig({
      ...real,
      TRUST_PROXY: '1',
      TRUST_PROXY_HOPS: '2',
      PUBLIC_ORIGIN: 'https://console.example.com',
    });
    expect(ok.ok && ok.config.trustProxyHops).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '1' }).ok).toBe(true); // sandbox: the request's host
  });

  it('one clear message per bad or missing value', () => {
    const r = loadConfig({
      CONSOLE_MODE: 'real',
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      DAILY_WEBHOOK_SECRET: 'not base64!',
      RETENTION_DAYS: '0',
      LOG_LEVEL: 'loud',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      'PORT must be a whole number from 0 to 65535 (got "eighty")',
      'RETENTION_DAYS must be a whole number from 1 to 3650 (got "0")',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      'DATABASE_URL must be a postgres:// or postgresql:// URL',
      'DAILY_API_KEY is required when CONSOLE_MODE=real',
      'DAILY_WEBHOOK_SECRET must be the base64 "hmac" secret Daily gave the webhook (at least 16 bytes)',
    ]);
  });

  it('real mode without a webhook secret starts, refusing webhooks', () => {
    const r = loadConfig({ CONSOLE_MODE: 'real', DAILY_API_KEY: 'k' });
    expect(r.ok && r.config.webhookSecretSource).toBe('none');
    expect(r.ok && r.config.webhookSecret).toBeUndefined();
  });

  it('the secret from the environment wins in either mode', () => {
    const r = loadConfig({ DAILY_WEBHOOK_SECRET: SECRET });
    expect(r.ok && r.config.webhookSecret?.toString('base64')).toBe(SECRET);
  });

  it('describeConfig never shows a secret or a database password', () => {
    const r = loadConfig({
      DAILY_WEBHOOK_SECRET: SECRET,
      DAILY_API_KEY: 'key-123-secret',
      DATABASE_URL: 'postgres://u:hunter2@db:5432/console',
    });
    const text = JSON.stringify(r.ok && describeConfig(r.config));
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('key-123-secret');
    expect(text).not.toContain('hunter2');
    expect(text).toContain('postgres://u:***@db:5432/console');
  });

  it('single sign-on: the three OIDC settings go together; the default role is checked', () => {
    const partial = loadConfig({ OIDC_ISSUER: 'https://id.example.com' });
    expect(partial.ok || partial.errors).toEqual([
      'OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together: set all three or none',
    ]);
    const bad = loadConfig({
      OIDC_ISSUER: 'id.example.com',
      OIDC_CLIENT_ID: 'c',
      OIDC_CLIENT_SECRET: 's',
      OIDC_DEFAULT_ROLE: 'root',
    });
    expect(bad.ok || bad.errors).toEqual([
      'OIDC_ISSUER must be an http:// or https:// URL (got "id.example.com")',
    ]);
    const role = loadConfig({
      OIDC_ISSUER: 'https://id.example.com',
      OIDC_CLIENT_ID: 'c',
      OIDC_CLIENT_SECRET: 'client-secret-value',
      OIDC_DEFAULT_ROLE: 'root',
    });
    expect(role.ok || role.errors).toEqual([
      'OIDC_DEFAULT_ROLE must be agent, supervisor or admin (got "root")',
    ]);
    const good = loadConfig({
      OIDC_ISSUER: 'https://id.example.com',
      OIDC_CLIENT_ID: 'c',
      OIDC_CLIENT_SECRET: 'client-secret-value',
      OIDC_ROLE_CLAIM: 'groups',
    });
    expect(good.ok && good.config.oidc).toEqual({
      issuer: 'https://id.example.com',
      clientId: 'c',
      clientSecret: 'client-secret-value',
      label: 'single sign-on',
      roleClaim: 'groups',
      defaultRole: 'agent',
    });
    expect(JSON.stringify(good.ok && describeConfig(good.config))).not.toContain(
      'client-secret-value',
    );
  });
});
