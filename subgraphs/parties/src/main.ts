import 'reflect-metadata';
import { runSubgraph } from '@hub/kit';
import { partiesSubgraph } from './index';

await runSubgraph(partiesSubgraph);
