// Password rules (issue 2): at least 12 characters and not one of the commonly used passwords.
// The common list is zxcvbn-ts's (about 49,000 leaked passwords), compared case-insensitively.
import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

const COMMON = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_login_id';

export function passwordProblems(password: string, loginId: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) problems.push('common');
  if (loginId.length >= 4 && lower.includes(loginId.toLowerCase())) problems.push('contains_login_id');
  return problems;
}
