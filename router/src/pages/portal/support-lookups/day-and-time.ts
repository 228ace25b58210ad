import type { Lang } from '../page';
import { messages } from './messages';

/** "12.03 kl 10:14" (nb) / "12.03 at 10:14" (en), Norwegian time; the year too when it is not this year's. */
export function dayAndTime(iso: string, lang: Lang, now = new Date()): string {
  const format = (d: Date) =>
    Object.fromEntries(
      new Intl.DateTimeFormat('nb-NO', {
        timeZone: 'Europe/Oslo',
        year: 'numeric',
        day: '2-digit',
        month: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(d)
        .map((p) => [p.type, p.value]),
    );
  const p = format(new Date(iso));
  const year = p.year === format(now).year ? '' : `.${p.year}`;
  return `${p.day}.${p.month}${year} ${messages[lang].at} ${p.hour}:${p.minute}`;
}
