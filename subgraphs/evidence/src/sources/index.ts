import { brreg } from './brreg';
import { lanekassen } from './lanekassen';
import { nav } from './nav';
import { skatteetaten } from './skatteetaten';
import type { EvidenceSource } from './source';

/** The source plugins by key (evidence_codes.source_key). Adding a source: one module and one line here. */
export const SOURCES: Record<string, EvidenceSource> = { skatteetaten, lanekassen, nav, brreg };

export * from './source';
