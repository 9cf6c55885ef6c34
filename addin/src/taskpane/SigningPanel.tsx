// The leader signs the approved version in the pane: the signing form of Nghị định 30/2020
// (TM., KT., …), the offices it names, and a PKCS#12 file with its password. The file is read
// and opened here (shared/signing/p12.ts); only the signature and the certificate chain go to the
// server (shared/signing/sign-report.ts), which verifies them and answers with its verdict.
import { Button, Field, Input, Radio, RadioGroup, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { SIGNING_FORMS, type SigningForm } from '../../../shared/signing/forms.ts';
import { openP12 } from '../../../shared/signing/p12.ts';
import { signReport } from '../../../shared/signing/sign-report.ts';
import type { QueuedReport } from './api.ts';
import type { PaneKit } from './kit.ts';

interface Verdict {
  valid: boolean;
  text: string;
}

export function SigningPanel(props: {
  kit: PaneKit;
  report: QueuedReport;
  onSigned: () => Promise<void>;
}) {
  const { kit, report } = props;
  const { api, t, act } = kit;
  const [form, setForm] = useState<SigningForm>('DIRECT');
  const [office, setOffice] = useState('');
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<'file' | 'office' | null>(null);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // The head's office matters only when someone signs for the head ("KT. GIÁM ĐỐC").
  const namesOffice = form !== 'DIRECT';

  const sign = () => {
    if (!file) return setMissing('file');
    if (namesOffice && !office.trim()) return setMissing('office');
    setMissing(null);
    setVerdict(null);
    setFailure(null);
    // The password is not kept once used: cleared now, before anything is awaited.
    const secret = password;
    setPassword('');
    void act(async () => {
      try {
        const signer = openP12(new Uint8Array(await file.arrayBuffer()), secret);
        const result = await signReport((query, variables) => api.graphql(query, variables), {
          submissionId: report.id,
          version: report.version,
          signer,
          form,
          signerOffice: namesOffice ? office.trim() : null,
          signerTitle: title.trim() || null,
        });
        setVerdict({ valid: result.valid, text: result.summary || result.problem || '' });
        await props.onSigned();
      } catch (error) {
        // The file, its password or the server's verdict: said here, next to the fields.
        setFailure(error instanceof Error ? error.message : String(error));
      }
    });
  };

  return (
    <section
      aria-label={t.signing}
      style={{ display: 'flex', flexDirection: 'column', gap: 6, marginTop: 4 }}
    >
      <Text weight="semibold">{t.signing}</Text>
      <Field label={t.signingForm} hint={SIGNING_FORMS.find((f) => f.code === form)?.description}>
        <RadioGroup
          name="signing-form"
          value={form}
          onChange={(_e, d) => setForm(d.value as SigningForm)}
        >
          {SIGNING_FORMS.map((f) => (
            <Radio key={f.code} value={f.code} label={f.label} />
          ))}
        </RadioGroup>
      </Field>
      {namesOffice && (
        <Field
          label={t.signerOffice}
          required
          validationState={missing === 'office' ? 'error' : 'none'}
          validationMessage={missing === 'office' ? t.needOffice : undefined}
        >
          <Input
            name="signer-office"
            value={office}
            onChange={(_e, d) => (setOffice(d.value), setMissing(null))}
          />
        </Field>
      )}
      <Field label={t.signerTitle}>
        <Input name="signer-title" value={title} onChange={(_e, d) => setTitle(d.value)} />
      </Field>
      <Field
        label={t.p12File}
        required
        hint={t.staysHere}
        validationState={missing === 'file' ? 'error' : 'none'}
        validationMessage={missing === 'file' ? t.needP12 : undefined}
      >
        {(fieldProps) => (
          <input
            {...fieldProps}
            type="file"
            name="p12-file"
            accept=".p12,.pfx,application/x-pkcs12"
            onChange={(e) => (setFile(e.target.files?.[0] ?? null), setMissing(null))}
          />
        )}
      </Field>
      <Field label={t.p12Password}>
        <Input
          name="p12-password"
          type="password"
          autoComplete="off"
          value={password}
          onChange={(_e, d) => setPassword(d.value)}
        />
      </Field>
      <Button appearance="primary" disabled={kit.busy} onClick={sign}>
        {t.sign}
      </Button>
      {verdict && (
        <Text
          role={verdict.valid ? undefined : 'alert'}
          aria-live="polite"
          data-verdict={verdict.valid ? 'valid' : 'invalid'}
          weight="semibold"
        >
          {verdict.text}
        </Text>
      )}
      {failure && (
        <Text role="alert" data-verdict="failed">
          {failure}
        </Text>
      )}
    </section>
  );
}
