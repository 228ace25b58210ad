import 'reflect-metadata';
import { runSubgraph } from '@hub/kit';
import { consentsSubgraph } from './index';

await runSubgraph(consentsSubgraph);
