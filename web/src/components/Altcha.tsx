import 'altcha';
import 'altcha/types/react';
import { useEffect, useRef } from 'react';

/**
 * The ALTCHA proof-of-work widget, self-hosted: it fetches a challenge from this node, solves it
 * in web workers, and hands back the payload the public report carries. No third party is asked.
 */
export function Altcha({ onPayload }: { onPayload: (payload: string | null) => void }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onState = (e: Event) => {
      const detail = (e as CustomEvent<{ state: string; payload: string | null }>).detail;
      onPayload(detail.state === 'verified' ? detail.payload : null);
    };
    el.addEventListener('statechange', onState);
    return () => el.removeEventListener('statechange', onState);
  }, [onPayload]);
  return <altcha-widget ref={ref} challenge="/api/v1/public/challenge" auto="onload" name="altcha" data-testid="altcha" />;
}
