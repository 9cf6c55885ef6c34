// Signing in: with email and password, with an API token, or — for a new account made by an
// administrator — "Kích hoạt tài khoản": email, the one-time code handed over on paper, and the
// password the person chooses, typed twice; the server's own rules judge the password.
import { Button, Field, Input, Link, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { strings, type Lang } from './i18n.ts';

export function SignIn(props: {
  lang: Lang;
  onLogin: (email: string, password: string) => void;
  onToken: (token: string) => void;
  onActivate: (email: string, code: string, newPassword: string) => void;
}) {
  const [mode, setMode] = useState<'password' | 'activate'>('password');
  const [email, setEmail] = useState('');
  return mode === 'password' ? (
    <PasswordForm
      {...props}
      email={email}
      setEmail={setEmail}
      onActivateMode={() => setMode('activate')}
    />
  ) : (
    <ActivationForm
      lang={props.lang}
      email={email}
      setEmail={setEmail}
      onActivate={props.onActivate}
      onBack={() => setMode('password')}
    />
  );
}

function PasswordForm(props: {
  lang: Lang;
  email: string;
  setEmail: (email: string) => void;
  onLogin: (email: string, password: string) => void;
  onToken: (token: string) => void;
  onActivateMode: () => void;
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
      <Link onClick={props.onActivateMode}>{t.activate}</Link>
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

function ActivationForm(props: {
  lang: Lang;
  email: string;
  setEmail: (email: string) => void;
  onActivate: (email: string, code: string, newPassword: string) => void;
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
        props.onActivate(props.email.trim(), code.trim(), password);
      }}
    >
      <Text weight="semibold">{t.activate}</Text>
      <Text size={200}>{t.activateHint}</Text>
      <EmailField label={t.email} email={props.email} setEmail={props.setEmail} />
      <Field label={t.activationCode}>
        <Input
          name="activation-code"
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
        {t.activateAndSignIn}
      </Button>
      <Link onClick={props.onBack}>{t.backToSignIn}</Link>
    </form>
  );
}

/** The email both forms ask for, kept by SignIn so switching forms does not lose it. */
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
