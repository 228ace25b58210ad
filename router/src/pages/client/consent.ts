/**
 * The consent pages' browser script, bundled by esbuild (`../assets.ts`) and served as /assets/consent.<hash>.js.
 * The server renders an empty frame and a data block saying which page this is; everything shown is built here.
 */
import { byId } from './common';
import { overviewPage } from './overview';
import { PAGE_DATA_ID, type PageData } from './page-data';
import { requestPage } from './request';

const data = JSON.parse(byId(PAGE_DATA_ID).textContent ?? '{}') as PageData;
if (data.page === 'request') requestPage(data);
else overviewPage(data);
