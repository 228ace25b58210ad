import { z } from 'zod';

/** Database settings, parsed once. No DATABASE_URL means the embedded database. */
const DbEnv = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Where the embedded database keeps its files. */
  PGLITE_DIR: z.string().min(1).default('.data/pglite'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
});
export type DbEnv = z.infer<typeof DbEnv>;

export function parseDbEnv(env: NodeJS.ProcessEnv = process.env): DbEnv {
  const parsed = DbEnv.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid database configuration: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
