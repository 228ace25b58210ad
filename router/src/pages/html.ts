/** Escapes text for HTML element content and attribute values. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON that is safe inside a <script> element, whatever the strings hold. */
export const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The hub's page frame: inline style only, nothing from another host. */
export function page(title: string, body: string, lang = 'nb'): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
  h1 { font-size: 1.5rem; } button { font: inherit; padding: .5rem 1rem; margin: .25rem 0; cursor: pointer; }
  ul.choices { list-style: none; padding: 0; } ul.choices li { margin: .25rem 0; }
  code, textarea { font-family: ui-monospace, monospace; font-size: .85rem; } textarea { width: 100%; height: 6rem; }
  .muted { color: #555; }
</style>
</head>
<body>
${body}
</body>
</html>`;
}
