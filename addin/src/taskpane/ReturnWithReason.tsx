// Sending a report back with a reason: the Sở returning it to the agency, the leader returning
// it to staff. The reason is required (it is what the people who get the report back read).
import { Button, Field, Textarea } from '@fluentui/react-components';
import { useState } from 'react';

export function ReturnWithReason(props: {
  label: string;
  /** What shows under an empty reason. */
  requiredMessage: string;
  /** The textarea's name, for tests and autofill to find it. */
  name: string;
  button: string;
  busy: boolean;
  /** Does the return; calls `clear` once it went through, so the field empties. */
  onReturn: (reason: string, clear: () => void) => void;
}) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <>
      <Field
        label={props.label}
        required
        validationState={missing ? 'error' : 'none'}
        validationMessage={missing ? props.requiredMessage : undefined}
      >
        <Textarea
          name={props.name}
          value={reason}
          onChange={(_e, d) => (setReason(d.value), setMissing(false))}
        />
      </Field>
      <Button
        disabled={props.busy}
        onClick={() => {
          if (!reason.trim()) {
            setMissing(true);
            return;
          }
          props.onReturn(reason.trim(), () => setReason(''));
        }}
      >
        {props.button}
      </Button>
    </>
  );
}
