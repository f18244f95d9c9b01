// 問い合わせ (issue 11): patients' questions, sent from My HER-SYS, about an access to their record
// by an organisation one administers — when, what was done, by which ID, for what purpose — and
// the administrator's answer. Unanswered first (the server's order).
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { AccessQuestion, AccessQuestions } from '../../../domain/api/my.ts';
import { UserList } from '../../../domain/api/users.ts';
import { api } from '../../api.ts';
import { fieldError, TextAreaField } from '../../components/Form.tsx';
import { formatDateTime } from '../../dates.ts';
import { Done, ErrorBox, text, useAction, useLoad } from '../case/shared.tsx';

type Question = z.infer<typeof AccessQuestion>;

export function QuestionsScreen() {
  const { t } = useTranslation();
  const questions = useLoad(() => api.get('/api/access-questions', AccessQuestions), []);
  // The IDs one administers, to name the ID that made the access by its login ID.
  const users = useLoad(() => api.get('/api/users', UserList), []);
  const loginIdOf = (id: string) => users.data?.users.find((u) => u.id === id)?.loginId ?? id;
  const list = questions.data?.questions;
  return (
    <>
      <h1>{t('admin.questions')}</h1>
      <p>{t('admin.questionsHelp')}</p>
      <ErrorBox error={questions.error} />
      {list && (
        <table className="admin-questions">
          <caption>{t('admin.questionsCaption', { count: list.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.askedAt')}</th>
              <th scope="col">{t('admin.access')}</th>
              <th scope="col">{t('admin.question')}</th>
              <th scope="col">{t('admin.answer')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((q) => (
              <QuestionRow key={q.id} question={q} loginIdOf={loginIdOf} onAnswered={questions.reload} />
            ))}
            {!list.length && (
              <tr>
                <td colSpan={4}>{t('common.none')}</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
    </>
  );
}

function QuestionRow({ question: q, loginIdOf, onAnswered }: { question: Question; loginIdOf: (id: string) => string; onAnswered: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const action = useAction();
  const actionName = (a: string) => (i18n.exists(`admin.action.${a}`) ? t(`admin.action.${a}`) : null);
  return (
    <tr>
      <td>{formatDateTime(q.askedAt, lang)}</td>
      <td>
        <dl className="admin-facts">
          <dt>{t('admin.accessAt')}</dt>
          <dd>{formatDateTime(q.access.at, lang)}</dd>
          <dt>{t('admin.accessAction')}</dt>
          <dd>
            {actionName(q.access.action) && <div>{actionName(q.access.action)}</div>}
            <code className="admin-action">{q.access.action}</code>
          </dd>
          <dt>{t('admin.accessUser')}</dt>
          <dd>{q.access.userId ? <Link to={`/admin/users/${q.access.userId}`}>{loginIdOf(q.access.userId)}</Link> : '—'}</dd>
          <dt>{t('admin.accessPurpose')}</dt>
          <dd>{q.access.purpose ?? '—'}</dd>
        </dl>
      </td>
      <td className="pre-wrap">{q.question}</td>
      <td>
        {q.answeredAt ? (
          <>
            <div className="pre-wrap">{q.answer}</div>
            <div className="help">{t('admin.answeredAt', { at: formatDateTime(q.answeredAt, lang) })}</div>
          </>
        ) : (
          <form
            onSubmit={action.run(async (f) => {
              await api.post(`/api/access-questions/${q.id}/answer`, { answer: text(f, 'answer') ?? '' }, AccessQuestion);
              await onAnswered();
              return t('admin.answered');
            })}
          >
            <TextAreaField
              label={t('admin.answerTo', { at: formatDateTime(q.askedAt, lang) })}
              name="answer"
              required
              maxLength={2000}
              rows={3}
              error={fieldError(action.error, 'answer')}
            />
            <button type="submit" disabled={action.busy}>
              {t('admin.answerSend')}
            </button>
            <ErrorBox error={action.error} />
          </form>
        )}
        <Done message={action.done} />
      </td>
    </tr>
  );
}
