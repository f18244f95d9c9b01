// The staff web app (src/web) is built into dist/web and served by the same server (DESIGN.md §2).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: { outDir: '../../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  // `npx vite` serves the app with hot reload against a server on :3000.
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
