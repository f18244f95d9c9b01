// Labels of the FHIR client administration screen (issue 15, /admin/fhir-clients): the systems of a
// medical institution that call the FHIR API, Japanese first, English second. Spread into UI (ui-text.ts).
import type { Localized } from '../domain/messages.ts';

export const FHIR_CLIENTS_UI = {
  'fc.nav': { ja: 'FHIR連携', en: 'FHIR clients' },
  'fc.title': { ja: 'FHIR連携クライアント', en: 'FHIR clients' },
  'fc.intro': {
    ja: '医療機関の電子カルテ等のシステムを FHIR API のクライアントとして登録します（SMART Backend Services）。システムは公開鍵に対応する秘密鍵で署名したアサーションでアクセストークンを取得します。秘密鍵は登録しないでください。',
    en: 'Register a system of a medical institution, such as its electronic health record, as a client of the FHIR API (SMART Backend Services). The system gets access tokens with assertions signed by the private key matching the public key. Never register the private key.',
  },
  'fc.listCaption': { ja: '登録済みクライアント', en: 'Registered clients' },
  'fc.name': { ja: 'システム名', en: 'System name' },
  'fc.nameHelp': { ja: '例：電子カルテ（○○社）', en: 'e.g. Electronic health record (vendor)' },
  'fc.org': { ja: '医療機関', en: 'Medical institution' },
  'fc.orgHelp': { ja: 'ID を発行できる医療機関から選びます。', en: 'One of the medical institutions whose IDs you issue.' },
  'fc.scopes': { ja: 'スコープ', en: 'Scopes' },
  'fc.scopesHelp': {
    ja: 'システムが要求できる権限です。その医療機関の職員が見られる範囲を超えることはありません。',
    en: 'What the system may ask for; never more than the institution’s staff may see.',
  },
  'fc.createdAt': { ja: '登録日時', en: 'Registered' },
  'fc.status': { ja: '状態', en: 'Status' },
  'fc.active': { ja: '有効', en: 'Active' },
  'fc.revokedAt': { ja: '失効（{{when}}）', en: 'Revoked ({{when}})' },
  'fc.alg': { ja: '署名アルゴリズム', en: 'Signing algorithm' },
  'fc.jwk': { ja: '公開鍵（JWK 形式の JSON）', en: 'Public key (JWK as JSON)' },
  'fc.jwkHelp': {
    ja: 'RS384 は 2048 ビット以上の RSA 鍵、ES384 は P-384 の EC 鍵。{"kty": "EC", "crv": "P-384", "x": "…", "y": "…"} の形で貼り付けます。',
    en: 'An RSA key of 2048 bits or more for RS384, an EC P-384 key for ES384. Paste it as {"kty": "EC", "crv": "P-384", "x": "…", "y": "…"}.',
  },
  'fc.jwkNotJson': { ja: 'JSON として読めません：{{detail}}', en: 'This is not valid JSON: {{detail}}' },
  'fc.jwkNotObject': { ja: 'JWK は JSON のオブジェクト（{ … }）です。', en: 'A JWK is a JSON object ({ … }).' },
  'fc.register': { ja: 'クライアントを登録', en: 'Register a client' },
  'fc.registerSubmit': { ja: '登録する', en: 'Register' },
  'fc.registered': { ja: '「{{name}}」を登録しました。システムに次の値を設定してください。', en: '“{{name}}” is registered. Configure the system with these values.' },
  'fc.clientId': { ja: 'client_id（アサーションの iss・sub）', en: 'client_id (iss and sub of its assertions)' },
  'fc.tokenUrl': { ja: 'トークン URL（アサーションの aud）', en: 'Token URL (aud of its assertions)' },
  'fc.revoke': { ja: '失効させる', en: 'Revoke' },
  'fc.revokeTitle': { ja: '「{{name}}」を失効させますか？', en: 'Revoke “{{name}}”?' },
  'fc.revokeHelp': {
    ja: 'このシステムのアクセストークンは直ちに使えなくなり、取り消せません。再び接続するには新たに登録します。',
    en: 'The system’s access tokens stop working at once; this cannot be undone. To connect it again, register it anew.',
  },
  'fc.revokeConfirm': { ja: '失効させる', en: 'Revoke' },
  'fc.revokedDone': { ja: '「{{name}}」を失効させました。', en: '“{{name}}” is revoked.' },
  'fc.noInstitution': { ja: 'ID を発行できる医療機関がありません。', en: 'You issue IDs for no medical institution.' },
  'fc.scope.system/Patient.read': { ja: '患者（Patient）の参照', en: 'Read patients (Patient)' },
  'fc.scope.system/Condition.read': { ja: '病名・発生届（Condition）の参照', en: 'Read diagnoses and notifications (Condition)' },
  'fc.scope.system/Observation.read': { ja: '検査・観察（Observation）の参照', en: 'Read tests and observations (Observation)' },
  'fc.scope.system/Encounter.read': { ja: '受診（Encounter）の参照', en: 'Read encounters (Encounter)' },
  'fc.scope.system/Questionnaire.read': { ja: '質問票（Questionnaire）の参照', en: 'Read questionnaires (Questionnaire)' },
  'fc.scope.system/QuestionnaireResponse.read': { ja: '健康観察の回答（QuestionnaireResponse）の参照', en: 'Read health-check answers (QuestionnaireResponse)' },
  'fc.scope.system/Bundle.write': {
    ja: '発生届の提出（Bundle）：この医療機関の医師として届け出ます',
    en: 'File notifications (Bundle): files notifications as this clinic’s doctor',
  },
} satisfies Record<string, Localized>;
