import 'reflect-metadata';
import { runSubgraph } from '@hub/kit';
import { evidenceSubgraph } from './index';

await runSubgraph(evidenceSubgraph);
