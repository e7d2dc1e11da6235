/** The Daily API key the e2e server runs with (sandbox mode; its REST double checks it). */
export const E2E_DAILY_API_KEY = 'e2e-only-daily-api-key-7f3a9c';
