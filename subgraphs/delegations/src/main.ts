import 'reflect-metadata';
import { runSubgraph } from '@hub/kit';
import { delegationsSubgraph } from './index';

await runSubgraph(delegationsSubgraph);
