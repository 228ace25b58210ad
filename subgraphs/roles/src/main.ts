import 'reflect-metadata';
import { runSubgraph } from '@hub/kit';
import { rolesSubgraph } from './index';

await runSubgraph(rolesSubgraph);
