// Request and response shapes of /api/auth: they validate on the server, document the API in
// OpenAPI, and type the browser's calls.
import { z } from 'zod';
import { ORG_KINDS, ROLES } from '../organizations.ts';

export const LoginStage = z.enum(['change_password', 'enrol_totp', 'totp', 'done']).meta({
  description: 'The next login step: change the initial password, enrol an authenticator, enter the one-time code, or done.',
});

export const LoginBody = z.object({
  loginId: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const CodeBody = z.object({
  code: z.string().regex(/^\d{6}$/, { error: '6桁の数字を入力してください / 6 digits' }).meta({ description: 'The 6-digit code from the authenticator app' }),
});

export const PasswordChangeBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const NextStep = z.object({ next: LoginStage });

export const TotpEnrolment = z.object({
  otpauthUri: z.string().meta({ description: 'otpauth:// URI to add the account to an authenticator app' }),
  qrSvg: z.string().meta({ description: 'The same URI as a QR code, an SVG document rendered by the server' }),
});

export const CsrfToken = z.object({ token: z.string() });

export const Me = z.object({
  user: z.object({
    id: z.uuid(),
    loginId: z.string(),
    displayName: z.string(),
    roles: z.array(z.enum(ROLES)),
  }),
  organization: z.object({ id: z.uuid(), kind: z.enum(ORG_KINDS), nameJa: z.string(), nameEn: z.string() }),
  session: z.object({ expiresAt: z.iso.datetime(), idleMinutes: z.number() }),
});
