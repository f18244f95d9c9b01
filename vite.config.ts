// The staff web app (src/web) is built into dist/web and served by the same server (DESIGN.md §2).
// Every file is also written compressed beside itself (.br at brotli's best, .gz at gzip's best), once
// at build time, and the server sends the one the browser accepts (src/server/http/web-app.ts).
// Two pages: index.html, the staff app, and my.html, the patient's phone page (My HER-SYS, served
// at /my), each with its own entry so a phone never downloads the staff screens.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

export default defineConfig({
  root: 'src/web',
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'], logLevel: 'silent' })],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // Brotli at its best level takes a few seconds of a build on a busy machine: no warning for that.
    rolldownOptions: { checks: { bundlerTimings: false }, input: ['src/web/index.html', 'src/web/my.html'] },
  },
  // `npx vite` serves the app with hot reload against a server on :3000.
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
