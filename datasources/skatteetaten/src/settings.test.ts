import { describe, expect, it } from 'vitest';
import { datasourceSettings } from './settings';

describe('the data source’s settings', () => {
  it('fall back to development defaults outside production', () => {
    expect(datasourceSettings({ HUB_URL: 'http://localhost:4000' })).toMatchObject({
      tokenUrl: 'http://localhost:4000/dev/token',
      organizationNumber: '310000701',
    });
  });

  it('refuse to start production on development defaults, naming each missing setting', () => {
    expect(() => datasourceSettings({ NODE_ENV: 'production', HUB_URL: 'https://hub.example' })).toThrow(
      /HUB_ISSUER, DATASOURCE_ORGANIZATION_NUMBER, DATASOURCE_TOKEN_URL/,
    );
    const ok = datasourceSettings({
      NODE_ENV: 'production',
      HUB_URL: 'https://hub.example',
      HUB_ISSUER: 'https://hub.example',
      DATASOURCE_ORGANIZATION_NUMBER: '974761076',
      DATASOURCE_TOKEN_URL: 'https://maskinporten.example/token',
    });
    expect(ok.tokenUrl).toBe('https://maskinporten.example/token');
  });
});
