// Messages of the FHIR client administration (issue 15).
export const FHIR_CLIENT_MESSAGES = {
  fhir_clients_institution_only: {
    ja: 'FHIR クライアントは医療機関にだけ登録できます。',
    en: 'FHIR clients are registered for medical institutions only.',
  },
  fhir_scope_not_allowed: { ja: 'この組織のクライアントには許可されていないスコープです。', en: 'This scope is not allowed for clients of this organisation.' },
  fhir_key_invalid: {
    ja: '公開鍵（JWK）を読み取れません。RS384 は 2048 ビット以上の RSA 公開鍵、ES384 は P-384 の EC 公開鍵を指定してください（秘密鍵は送らないでください）。',
    en: 'The public key (JWK) cannot be read. RS384 takes an RSA public key of 2048 bits or more, ES384 an EC public key on P-384 (never send the private key).',
  },
  fhir_client_revoked: { ja: 'このクライアントは既に失効しています。', en: 'This client has already been revoked.' },
} as const;
