import { describeWebhookServer } from './test-support/webhook-suite';

describeWebhookServer('PGlite', () => ({}));
