import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const commonRoot = fileURLToPath(new URL('../common', import.meta.url));
const apiTarget = 'http://127.0.0.1:3000';

export const config = defineConfig({
  root: webRoot,
  plugins: [react()],
  resolve: {
    alias: { '@common': commonRoot },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    fs: { allow: [webRoot, commonRoot] },
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget },
      '/readyz': { target: apiTarget },
    },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1600,
  },
});

// Vite reads the default export; the named export keeps the house rule for our own imports.
export default config;
