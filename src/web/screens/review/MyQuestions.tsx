// "Questions about your access" on every user's home: a privacy officer asked about an access the
// user made; the user sees the question — nothing else of the alert — and answers it.
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { MyReviewQuestions } from '../../../domain/api/review.ts';
import { api } from '../../api.ts';
import { fieldError, TextAreaField } from '../../components/Form.tsx';
import { formatDateTime } from '../../dates.ts';
import { Done, ErrorBox, text, useAction, useLoad } from '../case/shared.tsx';

export function MyReviewQuestionsBox() {
  const { t } = useTranslation();
  const questions = useLoad(() => api.get('/api/review/my-questions', MyReviewQuestions), []);
  const list = questions.data?.questions ?? [];
  if (!list.length && !questions.error) return null;
  return (
    <section aria-labelledby="rv-my" className="rv-my">
      <h2 id="rv-my">{t('rv.myQuestions')}</h2>
      <p>{t('rv.myQuestionsHelp')}</p>
      <ErrorBox error={questions.error} />
      {list.map((q) => (
        <Question key={q.alertId} question={q} onAnswered={questions.reload} />
      ))}
    </section>
  );
}

function Question({ question: q, onAnswered }: { question: z.infer<typeof MyReviewQuestions>['questions'][number]; onAnswered: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const action = useAction();
  return (
    <article className="rv-question">
      <h3>{t('rv.askedAt', { at: formatDateTime(q.askedAt, lang) })}</h3>
      <p className="pre-wrap">{q.question}</p>
      {q.answeredAt ? (
        <>
          <p className="pre-wrap">{q.answer}</p>
          <p className="help">{t('rv.answeredAt', { at: formatDateTime(q.answeredAt, lang) })}</p>
        </>
      ) : (
        <form
          onSubmit={action.run(async (f) => {
            await api.post(`/api/review/my-questions/${q.alertId}/answer`, { answer: text(f, 'answer') ?? '' }, null);
            await onAnswered();
            return t('rv.answerSent');
          })}
        >
          <TextAreaField label={t('rv.yourAnswer')} name="answer" required maxLength={4000} rows={3} error={fieldError(action.error, 'answer')} />
          <button type="submit" disabled={action.busy}>
            {t('rv.sendAnswer')}
          </button>
          <ErrorBox error={action.error} />
        </form>
      )}
      <Done message={action.done} />
    </article>
  );
}
