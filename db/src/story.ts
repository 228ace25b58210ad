import story from '../fixtures/story.json' with { type: 'json' };

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

/** A story party's register number by key: 11 digits for a person, 9 for an organisation. */
export function storyNumber(key: string): string {
  const p = storyParty(key);
  return 'nationalIdentityNumber' in p ? p.nationalIdentityNumber : p.organizationNumber;
}
