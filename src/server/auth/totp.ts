// The second factor: TOTP (RFC 6238, 6 digits, 30 s) as any authenticator app reads it, with
// replay protection: a code of a time step already used is refused. The secret is kept sealed
// (credentials.totp_secret, src/server/secrets/); these functions see it only in memory.
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

export const newTotpSecret = () => generateSecret();

/**
 * Where a user's TOTP secret is sealed (the associated data of src/server/secrets/envelope.ts): the
 * pending and the confirmed secret share it, so confirming moves the sealed value as it is.
 */
export const totpPlace = (userId: string) => `totp:${userId}`;

export async function enrolmentOf(secret: string, loginId: string) {
  const otpauthUri = generateURI({ issuer: 'hersys', label: loginId, secret });
  // Rendered here, so the secret never leaves for an external QR service.
  const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { otpauthUri, qrSvg };
}

/** The time step the code belongs to when valid and newer than `lastStep`; otherwise null. */
export async function checkTotp(secret: string, code: string, lastStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epochTolerance: 30, // one step either side for clock drift
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}
