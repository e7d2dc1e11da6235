import { describeHistory } from './test-support/history-suite';

describeHistory('PGlite', () => ({}));
