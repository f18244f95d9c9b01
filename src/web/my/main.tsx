// My HER-SYS, the patient's phone page (issue 11): its own entry and HTML page (my.html, served at
// /my), so a phone downloads only these screens, never the staff app's.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MyApp } from './MyApp.tsx';
import { initMyI18n } from './i18n.ts';
import './my.css';

await initMyI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MyApp />
  </StrictMode>,
);
