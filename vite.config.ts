import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

const INITIAL_VENDORS =
  /node_modules\/(react|react-dom|scheduler|jotai|jotai-family|@daily-co|fast-deep-equal|lodash\.throttle)\//;

export default defineConfig({
  plugins: [react(), tailwindcss()],
  build: {
    target: 'es2022',
    sourcemap: false,
    rollupOptions: {
      output: {
        // Vendor code of the first screen in one cacheable chunk; libraries only the lazy
        // parts use (libphonenumber, Radix dialog) stay in those lazy chunks.
        manualChunks(id: string) {
          return INITIAL_VENDORS.test(id) ? 'vendor' : undefined;
        },
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
