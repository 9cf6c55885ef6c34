// Signing in: with email and password, with an API token, or with a one-time code and a password
// the person chooses, typed twice (the server's own rules judge it): "Kích hoạt tài khoản" for a
// new account made by an administrator (the code handed over on paper or emailed), "Quên mật
// khẩu?" for a forgotten password (the server emails a reset code, then the same form).
import { Button, Field, Input, Link, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { strings, type Lang } from './i18n.ts';

type Mode = 'password' | 'activate' | 'forgot' | 'reset';

export function SignIn(props: {
  lang: Lang;
  onLogin: (email: string, password: string) => void;
  onToken: (token: string) => void;
  onActivate: (email: string, code: string, newPassword: string) => void;
  /** Asks for a reset code by email; `sent` once the server has taken the request. */
  onRequestReset: (email: string, sent: () => void) => void;
  onResetPassword: (email: string, code: string, newPassword: string) => void;
}) {
  const t = strings[props.lang];
  const [mode, setMode] = useState<Mode>('password');
  const [email, setEmail] = useState('');
  const back = () => setMode('password');
  switch (mode) {
    case 'password':
      return <PasswordForm {...props} email={email} setEmail={setEmail} setMode={setMode} />;
    case 'activate':
      return (
        <CodeForm
          key={mode}
          lang={props.lang}
          email={email}
          setEmail={setEmail}
          title={t.activate}
          hint={t.activateHint}
          codeName="activation-code"
          codeLabel={t.activationCode}
          submitLabel={t.activateAndSignIn}
          onSubmit={props.onActivate}
          onBack={back}
        />
      );
    case 'forgot':
      return (
        <ForgotForm
          lang={props.lang}
          email={email}
          setEmail={setEmail}
          onRequest={(typed) => props.onRequestReset(typed, () => setMode('reset'))}
          onHaveCode={() => setMode('reset')}
          onBack={back}
        />
      );
    case 'reset':
      return (
        <CodeForm
          key={mode}
          lang={props.lang}
          email={email}
          setEmail={setEmail}
          title={t.resetTitle}
          hint={t.resetHint}
          codeName="reset-code"
          codeLabel={t.resetCode}
          submitLabel={t.resetAndSignIn}
          onSubmit={props.onResetPassword}
          onBack={back}
        />
      );
  }
}

function PasswordForm(props: {
  lang: Lang;
  email: string;
  setEmail: (email: string) => void;
  onLogin: (email: string, password: string) => void;
  onToken: (token: string) => void;
  setMode: (mode: Mode) => void;
}) {
  const t = strings[props.lang];
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  return (
    <form
      style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
      onSubmit={(e) => {
        e.preventDefault();
        props.onLogin(props.email, password);
      }}
    >
      <EmailField label={t.email} email={props.email} setEmail={props.setEmail} />
      <Field label={t.password}>
        <Input
          name="password"
          type="password"
          value={password}
          onChange={(_e, d) => setPassword(d.value)}
        />
      </Field>
      <Button appearance="primary" type="submit">
        {t.signIn}
      </Button>
      <Link onClick={() => props.setMode('forgot')}>{t.forgot}</Link>
      <Link onClick={() => props.setMode('activate')}>{t.activate}</Link>
      <Text size={200}>{t.orToken}</Text>
      <Field label={t.token}>
        <Input name="token" value={token} onChange={(_e, d) => setToken(d.value)} />
      </Field>
      <Button disabled={!token.trim()} onClick={() => props.onToken(token.trim())}>
        {t.useToken}
      </Button>
    </form>
  );
}

/** Step one of "Quên mật khẩu?": the email the code goes to. */
function ForgotForm(props: {
  lang: Lang;
  email: string;
  setEmail: (email: string) => void;
  onRequest: (email: string) => void;
  onHaveCode: () => void;
  onBack: () => void;
}) {
  const t = strings[props.lang];
  return (
    <form
      style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
      onSubmit={(e) => {
        e.preventDefault();
        props.onRequest(props.email.trim());
      }}
    >
      <Text weight="semibold">{t.forgot}</Text>
      <Text size={200}>{t.forgotHint}</Text>
      <EmailField label={t.email} email={props.email} setEmail={props.setEmail} />
      <Button appearance="primary" type="submit" disabled={!props.email.trim()}>
        {t.sendResetCode}
      </Button>
      <Link onClick={props.onHaveCode}>{t.haveResetCode}</Link>
      <Link onClick={props.onBack}>{t.backToSignIn}</Link>
    </form>
  );
}

/**
 * A one-time code and the new password typed twice: activating a new account and resetting a
 * forgotten password alike; only the words and the mutation differ.
 */
function CodeForm(props: {
  lang: Lang;
  email: string;
  setEmail: (email: string) => void;
  title: string;
  hint: string;
  codeName: string;
  codeLabel: string;
  submitLabel: string;
  onSubmit: (email: string, code: string, newPassword: string) => void;
  onBack: () => void;
}) {
  const t = strings[props.lang];
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [differ, setDiffer] = useState(false);
  return (
    <form
      style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
      onSubmit={(e) => {
        e.preventDefault();
        if (password !== repeat) {
          setDiffer(true);
          return;
        }
        props.onSubmit(props.email.trim(), code.trim(), password);
      }}
    >
      <Text weight="semibold">{props.title}</Text>
      <Text size={200}>{props.hint}</Text>
      <EmailField label={t.email} email={props.email} setEmail={props.setEmail} />
      <Field label={props.codeLabel}>
        <Input
          name={props.codeName}
          autoComplete="one-time-code"
          value={code}
          onChange={(_e, d) => setCode(d.value)}
        />
      </Field>
      <Field label={t.newPassword}>
        <Input
          name="new-password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(_e, d) => (setPassword(d.value), setDiffer(false))}
        />
      </Field>
      <Field
        label={t.repeatPassword}
        validationState={differ ? 'error' : 'none'}
        validationMessage={differ ? t.passwordsDiffer : undefined}
      >
        <Input
          name="repeat-password"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(_e, d) => (setRepeat(d.value), setDiffer(false))}
        />
      </Field>
      <Button
        appearance="primary"
        type="submit"
        disabled={!props.email.trim() || !code.trim() || !password}
      >
        {props.submitLabel}
      </Button>
      <Link onClick={props.onBack}>{t.backToSignIn}</Link>
    </form>
  );
}

/** The email every form asks for, kept by SignIn so switching forms does not lose it. */
function EmailField(props: { label: string; email: string; setEmail: (email: string) => void }) {
  return (
    <Field label={props.label}>
      <Input
        name="email"
        type="email"
        value={props.email}
        onChange={(_e, d) => props.setEmail(d.value)}
      />
    </Field>
  );
}
