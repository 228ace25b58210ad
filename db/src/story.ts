import story from '../fixtures/story.json' with { type: 'json' };
import { partyUuid } from './identifiers';

/** The fixed synthetic story every environment seeds and tests refer to by identifier. */
export type Story = typeof story;
export { story };

type StoryParty = { key: string; name: string } & ({ nationalIdentityNumber: string } | { organizationNumber: string });

/** Looks up a story person or organisation by its key (`kari`, `tranabygg` …). */
export function storyParty(key: string): StoryParty {
  const found = [...story.persons, ...story.organizations].find((p) => p.key === key);
  if (!found) throw new Error(`No story party with key ${key}`);
  return found;
}

/** The party id of a story person or organisation by key. */
export function storyPartyId(key: string): string {
  const p = storyParty(key);
  return partyUuid('nationalIdentityNumber' in p ? p.nationalIdentityNumber : p.organizationNumber);
}
