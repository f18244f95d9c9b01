// HER-SYS ID (caseNumber): 8 digits, the last a Luhn check digit that catches one mistyped digit
// and most swapped neighbours. The first seven are random, so numbers cannot be guessed in sequence.
// The self-report ID (スマホ入力ID) is separate and carries no meaning either.

function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** `random(n)` returns an integer in [0, n); the server passes crypto.randomInt. */
export function newCaseNumber(random: (n: number) => number): string {
  const body = String(1_000_000 + random(9_000_000)); // no leading zero, so it survives spreadsheets
  return body + luhnDigit(body);
}

export function isValidCaseNumber(value: string): boolean {
  return /^\d{8}$/.test(value) && luhnDigit(value.slice(0, 7)) === Number(value[7]);
}

const SELF_REPORT_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 10 characters from a 32-letter alphabet: 50 bits, typed from an SMS without confusion. */
export function newSelfReportId(random: (n: number) => number): string {
  return Array.from({ length: 10 }, () => SELF_REPORT_ALPHABET[random(SELF_REPORT_ALPHABET.length)]).join('');
}
