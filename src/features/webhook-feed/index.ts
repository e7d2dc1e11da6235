export { WebhookFeed } from './webhook-feed';
export { feedStatus } from './webhook-feed-store';
export type { FeedStatus } from './webhook-feed-store';
