import { expect, test } from './fixtures';

// Real mode here can only be tested for its error path: the Daily cloud is unreachable, and every
// non-local request is aborted so the test is the same online and offline. The fixtures' guard
// still fails on a page error or a dialog; requests outside localhost are the point here (each is
// aborted and recorded below), and the browser logs each aborted one as a console error.
test('real mode offline: a clear error, a working retry, and a way back to the sandbox', async ({
  page,
  guard,
}) => {
  test.setTimeout(90_000);
  guard.allowRequestsOutside();
  const outside: string[] = [];
  await page.route(/^(?!https?:\/\/(127\.0\.0\.1|localhost)[:/]).*/, (route) => {
    outside.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  await page.goto('/?room=https://example.daily.co/support-line');
  await expect(page.getByRole('radio', { name: /real Daily room/ })).toBeChecked();
  await expect(page.getByLabel('Room URL')).toHaveValue('https://example.daily.co/support-line');
  await expect(page.getByLabel('Meeting token')).toHaveAttribute('type', 'password');
  await page.getByLabel('Meeting token').fill('secret-token-value');
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('button', { name: 'Joining…' })).toBeDisabled();

  const alert = page.getByRole('alert');
  await expect(alert).toContainText("Can't reach Daily", { timeout: 30_000 });
  await expect(page.getByRole('status', { name: 'Status' })).toHaveText(
    "Could not join: Can't reach Daily",
  );
  expect(page.url()).not.toContain('secret-token-value');
  expect(outside.length).toBeGreaterThan(0);
  expect(outside.join(' ')).not.toContain('secret-token-value');

  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('button', { name: 'Joining…' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText("Can't reach Daily", { timeout: 30_000 });

  await page.getByRole('button', { name: 'Use sandbox' }).click();
  await expect(page.getByRole('radio', { name: /Sandbox room/ })).toBeChecked();
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('heading', { name: 'Agent console', exact: true })).toBeVisible();
});

test('real mode validates the room URL at the field and never joins with a bad one', async ({
  page,
}) => {
  const outside: string[] = [];
  await page.route(/^(?!https?:\/\/(127\.0\.0\.1|localhost)[:/]).*/, (route) => {
    outside.push(route.request().url());
    return route.abort();
  });
  await page.goto('/?mode=real');
  await page.getByLabel('Room URL').fill('http://example.com/room');
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByLabel('Room URL')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('button', { name: 'Join' })).toBeEnabled();
  await page.getByLabel('Room URL').fill('https://acme.daily.co/room?t=eyJhbGciOi');
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByText(/token/i).first()).toBeVisible();
  // A rejected URL never joins: nothing left for Daily.
  expect(outside).toEqual([]);
});
