// What the leader and the consolidating department read about one report besides its values: its
// digital signature (valid, or why not) and its history, compact.
import { Text } from '@fluentui/react-components';
import { formatVietnamTime } from '../../../shared/time/vietnam.ts';
import { SIGNING_FORMS } from '../../../shared/signing/forms.ts';
import type { HistoryEvent, SignatureSummary } from './api.ts';
import type { Strings } from './i18n.ts';

/** "Đã ký số bởi …, hợp lệ", or why the signature does not stand, or that there is none. */
export function SignatureLine(props: { signature: SignatureSummary | null; t: Strings }) {
  const { signature, t } = props;
  if (!signature) {
    return (
      <Text size={200} data-signature="none">
        {t.notSigned}
      </Text>
    );
  }
  return (
    <Text
      size={200}
      weight={signature.valid ? 'semibold' : 'regular'}
      data-signature={signature.valid ? 'valid' : 'invalid'}
    >
      {signature.summary}
    </Text>
  );
}

const prefixOf = (form: string | null | undefined) =>
  SIGNING_FORMS.find((f) => f.code === form)?.prefix ?? '';

/** The report's history, oldest first: when, what, who, and the reason of a return. */
export function HistoryList(props: { events: HistoryEvent[]; t: Strings }) {
  const { events, t } = props;
  if (!events.length) return null;
  return (
    <details>
      <summary>
        <Text size={200}>
          {t.history} ({events.length})
        </Text>
      </summary>
      <ol style={{ margin: '4px 0 0', paddingLeft: 18 }} data-history>
        {events.map((e, i) => (
          <li key={`${e.at}-${i}`}>
            <Text size={200}>
              {formatVietnamTime(e.at)} · {e.label}
              {e.form && prefixOf(e.form) ? ` (${prefixOf(e.form)})` : ''}
              {e.afterVersion ? ` · ${t.version.toLowerCase()} ${e.afterVersion}` : ''}
              {e.actorName ? ` · ${e.actorName}` : ''}
              {e.reason ? ` · ${e.reason}` : ''}
            </Text>
          </li>
        ))}
      </ol>
    </details>
  );
}
