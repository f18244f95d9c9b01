// What My HER-SYS sends to a patient's phone or mailbox (issue 11): a link, the スマホ入力ID, a code
// — never a name, a diagnosis or a value. Short enough for an SMS (≤ 670 characters, UCS-2).

export interface OutgoingMessage {
  subject: string;
  text: string;
}

export const myUrl = (publicUrl: string) => `${publicUrl.replace(/\/+$/, '')}/my`;

export function invitationMessage(input: { selfReportId: string; url: string; centreNameJa: string }): OutgoingMessage {
  return {
    subject: '【My HER-SYS】健康状態の報告のお願い / Please report your health',
    text: [
      `${input.centreNameJa}です。毎日の健康状態をスマートフォンから報告してください。`,
      `スマホ入力ID: ${input.selfReportId}`,
      input.url,
      `Please report your health daily. ID: ${input.selfReportId}`,
    ].join('\n'),
  };
}

export function signInCodeMessage(input: { code: string; minutes: number }): OutgoingMessage {
  return {
    subject: '【My HER-SYS】確認コード / Sign-in code',
    text: [
      `My HER-SYS 確認コード: ${input.code}（${input.minutes}分間有効）`,
      'このコードを他の人に教えないでください。',
      `Sign-in code: ${input.code} (valid ${input.minutes} min). Do not share it.`,
    ].join('\n'),
  };
}

export function reminderMessage(input: { url: string; dueTime: string }): OutgoingMessage {
  return {
    subject: '【My HER-SYS】今日の健康状態の報告 / Today’s health report',
    text: [`今日の健康状態を${input.dueTime}までに報告してください。`, input.url, `Please report today’s health by ${input.dueTime}.`].join('\n'),
  };
}

/** Where a code went, masked: enough to recognise one's own address or phone, not to learn it. */
export function maskContact(channel: 'email' | 'sms', contact: string): string {
  if (channel === 'email') {
    const at = contact.lastIndexOf('@');
    return at > 0 ? `${contact[0]}***${contact.slice(at)}` : '***';
  }
  const digits = contact.replace(/\D/g, '');
  return `***-****-${digits.slice(-4)}`;
}

/** A Japanese mobile number (070/080/090, 11 digits): SMS can reach it. */
export const isMobileNumber = (phone: string | null | undefined): boolean => !!phone && /^0[789]0\d{8}$/.test(phone.normalize('NFKC').replace(/\D/g, ''));
