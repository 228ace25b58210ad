/**
 * The dev login page's browser script, bundled by esbuild (`../assets.ts`) and served as /assets/dev-login.<hash>.js.
 * Each story identity is a button whose `data-body` is the body of `POST /dev/session` (as of `POST /dev/token`: it
 * makes a page login session, its cookie httpOnly, and answers with the token, for the playground); the page’s data block (id
 * `dev-login-data`, written by `../dev-login.ts`) says where to go next (a same-site path, or '').
 */
const DEV_LOGIN_DATA_ID = 'dev-login-data';

const data = JSON.parse(document.getElementById(DEV_LOGIN_DATA_ID)?.textContent ?? '{}') as { next?: string };

for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-body]')) {
  button.addEventListener('click', async () => {
    const res = await fetch('/dev/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: button.dataset.body });
    const { access_token: token } = (await res.json()) as { access_token: string };
    localStorage.setItem('hub:token', token);
    localStorage.setItem('graphiql:headers', JSON.stringify({ Authorization: 'Bearer ' + token }, null, 2));
    if (data.next) {
      location.assign(data.next);
      return;
    }
    (document.getElementById('token') as HTMLTextAreaElement).value = token;
    (document.getElementById('result') as HTMLElement).hidden = false;
  });
}
