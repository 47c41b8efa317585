import { type FormEvent, useState } from "react";
import { apiKey, checkApiKey, type KeyCheck, useApiKeyState } from "../lib/api-key.ts";
import { Button } from "./ui/button.tsx";
import { Dialog } from "./ui/dialog.tsx";
import { Field, Input } from "./ui/field.tsx";

const checkMessages: Record<Exclude<KeyCheck, "accepted">, string> = {
  rejected: "This key was not accepted. Check it, or create one with `tern auth create-key`.",
  unreachable: "Cannot reach the Tern server to check the key. Try again in a moment.",
};

/**
 * Asks for an API key whenever the server answers 401 (it runs with `--auth`), checks the key before
 * saving it, then has every query refetched with it. Escape leaves a bar to reopen the prompt from.
 */
export function ApiKeyGate({ onAccepted }: { onAccepted: () => void }) {
  const { key, required } = useApiKeyState();
  const [dismissed, setDismissed] = useState(false);
  if (!required) return null;
  return (
    <>
      {dismissed ? (
        <div role="status" className="flex items-center gap-3 bg-warning/15 px-4 py-2 text-sm text-warning">
          This server needs an API key.
          <Button size="sm" onClick={() => setDismissed(false)}>
            Enter API key
          </Button>
        </div>
      ) : null}
      <Dialog open={!dismissed} onClose={() => setDismissed(true)} title="API key required">
        <ApiKeyForm savedKeyRejected={key !== null} onAccepted={onAccepted} />
      </Dialog>
    </>
  );
}

function ApiKeyForm({ savedKeyRejected, onAccepted }: { savedKeyRejected: boolean; onAccepted: () => void }) {
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (checking) return;
    if (!value.trim()) return setError("Enter an API key.");
    setChecking(true);
    const outcome = await checkApiKey(value);
    setChecking(false);
    if (outcome !== "accepted") return setError(checkMessages[outcome]);
    apiKey.save(value);
    onAccepted();
  };
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3">
      <p className="text-sm text-muted-foreground">
        {savedKeyRejected ? "The saved API key was not accepted by this server. " : "This Tern server was started with --auth. "}
        Paste a key made with <code>tern auth create-key</code>; it is kept in this browser.
      </p>
      <Field label="API key" error={error}>
        {(p) => (
          <Input
            {...p}
            type="password"
            autoComplete="off"
            autoFocus
            value={value}
            onChange={(e) => {
              setValue(e.target.value);
              setError(null);
            }}
          />
        )}
      </Field>
      <div className="flex justify-end">
        <Button type="submit" variant="primary" disabled={checking}>
          {checking ? "Checking…" : "Use this key"}
        </Button>
      </div>
    </form>
  );
}
