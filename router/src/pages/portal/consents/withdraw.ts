import { el } from '../client/ui';
import type { PageContext } from '../page';
import { REVOKE_CONSENT } from './query';

/**
 * The withdraw ("trekk") button of a consent: its accessible name says which consent ("Trekk samtykke til
 * BANKEN AS"); it asks first, withdraws through the graph, then shows the page again with the outcome announced.
 */
export function withdrawButton(
  consent: { id: string; to: { name: string } },
  ctx: PageContext,
  words: { withdraw: string; withdrawLabel: string; confirm: string; withdrawn: string; failed: string },
): HTMLElement {
  const button = el('button', {
    type: 'button',
    class: 'withdraw',
    'data-withdraw': consent.id,
    'aria-label': `${words.withdrawLabel} ${consent.to.name}`,
    text: words.withdraw,
  });
  button.addEventListener('click', async () => {
    if (!confirm(`${words.confirm} ${consent.to.name}?`)) return;
    const result = await ctx.run(REVOKE_CONSENT, { id: consent.id });
    sessionStorage.setItem('portal:notice', result.data?.revokeConsent ? words.withdrawn : words.failed);
    await ctx.reload();
  });
  return button;
}

/** The outcome of the last withdrawal, once, as a live message. */
export function notice(): HTMLElement | null {
  const text = sessionStorage.getItem('portal:notice');
  if (!text) return null;
  sessionStorage.removeItem('portal:notice');
  return el('p', { class: 'notice', id: 'notice', role: 'status', text });
}
